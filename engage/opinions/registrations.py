"""What opinion maps register with the shared apps in `ready()` (moderation, text
signals, rate limits): filled by the voting part."""


def register():
    """Register opinion statements with the shared registries."""
