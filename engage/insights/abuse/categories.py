"""The fixed vocabulary of abuse categories (docs/text-signals.md), in display order."""

ABUSE_CATEGORIES = ("derogation", "dehumanisation", "threat", "slur", "profanity", "other")
