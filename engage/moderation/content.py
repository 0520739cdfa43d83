"""What every piece of resident content shares: its moderation status.

Comments, forum posts, claims and fact-checks all carry a `status` with these values,
so the moderation queue, the audit trail and `visible_to()` reads treat them alike.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationMode(models.TextChoices):
    """When contributions are checked by a moderator (a consultation's or a forum's
    setting)."""

    PRE = "pre", _("Pre-moderation: contributions appear after a moderator approves them")
    POST = "post", _("Post-moderation: contributions appear at once and are reviewed after")


class ContentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REMOVED = "removed", _("Removed by a moderator")
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")


# Statuses a resident (other than the author or a moderator) may see.
PUBLIC_STATUSES = (ContentStatus.PUBLISHED, ContentStatus.WITHDRAWN)
