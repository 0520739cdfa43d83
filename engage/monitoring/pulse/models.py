"""Tables of cohesion pulse surveys."""
