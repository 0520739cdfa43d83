"""Co-authored briefs."""
