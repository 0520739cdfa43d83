"""Tables of impact assessments."""
