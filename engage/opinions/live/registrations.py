"""What the live opinion map registers in `ready()`: its permission rules
(`opinions.view_composition`). Its WebSocket route is `live/routing.py`, which
engage.asgi combines with the other apps' routes (there is no route registry)."""


def register():
    """Load the live map's rules so `rules` knows `opinions.view_composition`."""
    from . import rules  # noqa: F401 - registers the rule on import
