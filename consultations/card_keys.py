"""Cache keys of the rendered comment cards and of the comment sections built from them
(`consultations.comments`, `consultations.page_context`).

A key is a digest of everything a card shows (see `consultations.comments`) and of what
it was rendered with: `card_template_version()`, which follows the templates as
deployed and the reader's date format, so a deploy that changes either starts afresh
without anyone remembering to bump a number.
"""

import functools
import hashlib

from django.template.loader import get_template
from django.utils import formats, timezone, translation

from engage.machine_translation.rules import reads_as_moderator

#: Part of every key, with the digest of CACHED_TEMPLATES as deployed: change it only
#: for something else that the key material does not capture.
CARD_TEMPLATE_VERSION = "6"
#: The templates a cached card or comment section is rendered from.
CACHED_TEMPLATES = (
    "consultations/includes/comment.html",
    "engagement/reactions.html",
    "consultations/includes/comment_threads.html",
    "consultations/includes/consultation_article.html",
)


@functools.cache
def _templates_digest():
    sources = (get_template(name).template.source for name in CACHED_TEMPLATES)
    return hashlib.sha256("\0".join(sources).encode()).hexdigest()[:12]


def card_template_version():
    """What the cached cards and sections were rendered with: CARD_TEMPLATE_VERSION, the
    templates' digest and the reader's date format (dates are in every card; a change
    of format, engage/formats, would otherwise be served from the cache for a day)."""
    return (
        f"{CARD_TEMPLATE_VERSION}-{_templates_digest()}-"
        f"{hashlib.sha256(formats.get_format('DATETIME_FORMAT').encode()).hexdigest()[:8]}"
    )


def card_key(comment, user, can_react):
    """The cache key of one card: a digest of everything the card shows."""
    is_author = user.is_authenticated and comment.author_id == user.pk
    material = (
        comment.pk,
        comment.consultation_id,
        comment.status,
        comment.depth,
        str(comment.author_name),
        comment.created_at.isoformat(),
        comment.edited_at.isoformat() if comment.edited_at else "",
        comment.language,
        hashlib.sha256(comment.body_html.encode()).hexdigest(),
        comment.reply_count,
        getattr(comment, "reaction_support", None),
        getattr(comment, "reaction_oppose", None),
        getattr(comment, "reaction_unsure", None),
        getattr(comment, "my_reaction", None),
        bool(getattr(comment, "reported", False)),
        user.is_authenticated,
        is_author,
        is_author and comment.can_still_edit(),
        can_react,
        # Moderators always read the original (no machine translation in their cards).
        reads_as_moderator(user),
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )
    digest = hashlib.sha256(repr(material).encode()).hexdigest()[:32]
    return f"comment-card:{card_template_version()}:{comment.pk}:{digest}"
