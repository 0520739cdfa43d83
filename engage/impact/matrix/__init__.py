"""matrix (see engage/impact/__init__.py)."""
