"""Co-design sessions."""
