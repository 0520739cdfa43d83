"""Tables of hate incident reports."""
