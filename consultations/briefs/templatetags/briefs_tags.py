"""`{% published_briefs consultation as briefs %}`: the published briefs that frame a
consultation, each with the co-authors who agreed to be named (one query for the briefs,
one for the names)."""

import bleach
from django import template

from ..models import Brief, SignOff

register = template.Library()

# What the server renders from the document (ydoc.render_html); translations typed in
# the admin are held to the same.
ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "strong",
    "em",
    "a",
    "br",
    "hr",
}


def clean_published_html(html):
    return bleach.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes={"a": ["href", "rel"]},
        protocols=["http", "https", "mailto"],
        strip=True,
    )


def published_briefs_of(consultation):
    """The published briefs of `consultation`, oldest first, with their sessions (one
    query; the Yjs document state, which the page never shows, is not read)."""
    return list(
        Brief.objects.filter(
            session__consultation_id=consultation.pk, status=Brief.Status.PUBLISHED
        )
        .defer("ydoc_state")
        .select_related("session")
        .order_by("published_at", "pk")
    )


@register.simple_tag
def published_briefs(consultation):
    """The consultation page reads the briefs once with what else it shows alike to
    everyone and caches them (`consultations.page_context.about` leaves them on the
    page as `_published_briefs`): no query then when there are none. The co-authors'
    names are read each time, so a co-author who withdraws their agreement to be
    named is never shown from a cache."""
    if consultation is None or not getattr(consultation, "pk", None):
        return []
    briefs = getattr(consultation, "_published_briefs", None)
    if briefs is None:
        briefs = published_briefs_of(consultation)
    if not briefs:
        return []
    names = {}
    for answer in (
        SignOff.objects.filter(
            brief__in=briefs, decision=SignOff.Decision.APPROVE, agree_to_be_named=True
        )
        .select_related("user")
        .order_by("user__display_name", "pk")
    ):
        names.setdefault(answer.brief_id, []).append(str(answer.user.public_name))
    for brief in briefs:
        brief.named_coauthors = names.get(brief.pk, [])
        brief.safe_html = clean_published_html(brief.published_html)
    return briefs


@register.simple_tag
def viewable_brief(session, user):
    """The session's brief when `user` may open it (`briefs.view`), else None."""
    import rules

    brief = Brief.objects.filter(session_id=getattr(session, "pk", None)).first()
    if brief is None:
        if not rules.test_rule("codesign.edit_brief", user, session):
            return None
        brief = Brief(session=session)
    brief.session = session
    return brief if rules.test_rule("briefs.view", user, brief) else None
