"""Who may read an automatic translation of a piece of resident content.

Only published content is translated, and never for a moderator: moderation decisions
are made on what the author wrote, so moderators always see the original, on the public
pages as in the queue. Nothing else decides this; the service, the template tag and the
endpoint ask here.
"""

import rules

from engage.accounts.rules import is_moderator
from engage.moderation.content import ContentStatus


@rules.predicate
def reads_as_moderator(user):
    """A moderator's account. Readers without an account state (anonymous, or the
    stand-in reader shared fragments are rendered for) are not moderators."""
    if user is None or not getattr(user, "is_active", False):
        return False
    return is_moderator(user)


@rules.predicate
def is_published_content(user, content):
    return getattr(content, "status", None) == ContentStatus.PUBLISHED


may_read_machine_translation = ~reads_as_moderator & is_published_content
