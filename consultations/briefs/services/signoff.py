"""Sign-off and publication: staff mark the text final, co-authors approve or decline
it, and staff publish it on the consultation with the co-authors who agreed to be named.
"""

import rules
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.accounts.rules import is_city_staff
from engage.communities.models import Action
from engage.communities.services import record_participation

from .. import ydoc
from ..document_store import load_document
from ..models import Brief, BriefSnapshot, SignOff
from ..revisions import take_snapshot
from .access import check_rule, session_scope
from .discussion import clean_text
from .live import publish_event_after_commit


def signoff_coauthors(brief):
    """The people asked to sign off: co-authors of the session who are not city staff."""
    user_ids = brief.session.rsvps.values_list("user_id", flat=True)
    people = get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
    return [
        person
        for person in people
        if rules.test_rule("codesign.edit_brief", person, brief.session)
        and not is_city_staff(person)
    ]


def _set_status(brief, status, **fields):
    brief.status = status
    for name, value in fields.items():
        setattr(brief, name, value)
    brief.save(update_fields=["status", "updated_at", *fields])
    publish_event_after_commit(brief, "brief.status", {"status": status})


def mark_final(brief, user):
    """Staff freeze the text and ask each co-author to approve or decline it."""
    check_rule("briefs.mark_final", user, brief)
    with transaction.atomic():
        take_snapshot(brief, user, BriefSnapshot.Reason.FINAL)
        brief.signoffs.all().delete()
        _set_status(brief, Brief.Status.FINAL, finalised_at=timezone.now())


def reopen(brief, user):
    """Back to drafting; answers given to the final text no longer count."""
    check_rule("briefs.reopen", user, brief)
    with transaction.atomic():
        brief.signoffs.all().delete()
        _set_status(brief, Brief.Status.DRAFTING, finalised_at=None)


def sign_off(brief, user, decision, note="", agree_to_be_named=False):
    """A co-author approves or declines the final text (a second answer replaces the first)."""
    check_rule("briefs.sign_off", user, brief)
    if decision not in SignOff.Decision.values:
        raise ValidationError(
            {"decision": _("Choose whether you approve or decline the brief.")}, code="invalid"
        )
    note = clean_text(note, "note", settings.COMMENT_MAX_LENGTH, required=False)
    if decision == SignOff.Decision.DECLINE and not note:
        raise ValidationError(
            {"note": _("Please say why you decline, so the others can change the brief.")},
            code="required",
        )
    with transaction.atomic():
        answer, _created = SignOff.objects.update_or_create(
            brief=brief,
            user=user,
            defaults={
                "decision": decision,
                "note": note,
                "agree_to_be_named": bool(agree_to_be_named)
                and decision == SignOff.Decision.APPROVE,
                "decided_at": timezone.now(),
            },
        )
        record_participation(user, Action.CONTRIBUTED, session_scope(brief))
        publish_event_after_commit(brief, "signoff.changed", {"decision": decision})
    return answer


def publish(brief, user):
    """Publish the final text on the consultation, with the co-authors who agreed to be named.

    Refused while any co-author declines: reopen the brief and change it first.
    """
    check_rule("briefs.publish", user, brief)
    if brief.signoffs.filter(decision=SignOff.Decision.DECLINE).exists():
        raise ValidationError(
            _(
                "A co-author declined the final text. Reopen the brief, change it with them, "
                "and ask for sign-off again."
            ),
            code="declined",
        )
    approved = set(
        brief.signoffs.filter(decision=SignOff.Decision.APPROVE).values_list("user_id", flat=True)
    )
    if any(person.pk not in approved for person in signoff_coauthors(brief)):
        raise ValidationError(
            _("Not every co-author has approved the final text. Wait for them, or reopen it."),
            code="not_approved",
        )
    # Publish the text the co-authors signed (frozen when it was marked final), not
    # whatever the live document holds now.
    final = brief.snapshots.filter(reason=BriefSnapshot.Reason.FINAL).first()
    if final is None:
        doc, _last = load_document(brief.pk)
        html, text = ydoc.render_html(doc), ydoc.plain_text(doc)
    else:
        html, text = final.html, final.text
    if not text.strip():
        raise ValidationError(_("The brief is empty. Write it before publishing."), code="empty")
    with transaction.atomic():
        # The co-authors wrote it in the site's language; translators fill in the others
        # (published_html_ar, ...) in the admin, and until then readers get this one.
        _set_status(
            brief,
            Brief.Status.PUBLISHED,
            published_at=timezone.now(),
            **{f"published_html_{settings.LANGUAGE_CODE}": html},
        )
    return brief


def named_coauthors(brief):
    """Public names of the co-authors who approved and agreed to be named."""
    return [
        str(answer.user.public_name)
        for answer in brief.signoffs.filter(
            decision=SignOff.Decision.APPROVE, agree_to_be_named=True
        ).select_related("user")
    ]
