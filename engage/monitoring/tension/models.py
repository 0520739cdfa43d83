"""Tables of tension assessments."""
