"""Tables of early warning."""
