"""register (see engage/impact/__init__.py)."""
