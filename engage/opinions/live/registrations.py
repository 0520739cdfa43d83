"""What the live opinion map registers in `ready()` (its WebSocket route)."""


def register():
    """Register the live map's WebSocket route."""
