"""Finding a session's brief and asking `rules` (consultations/briefs/rules.py) about it."""

import rules
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from engage.communities.scopes import Scope

from ..models import Brief


def check_rule(rule, user, brief, message=None):
    if not rules.test_rule(rule, user, brief):
        raise PermissionDenied(message or _("You do not have permission to do this."))


def session_scope(brief):
    return Scope.of("session", brief.session_id)


def find_brief(session):
    """The session's brief, or an unsaved empty one: check permission on it before
    `brief_for_session` creates the row."""
    brief = Brief.objects.select_related("session__consultation").filter(session=session).first()
    return brief or Brief(session=session)


def brief_for_session(session):
    """The session's brief, created (empty, drafting) the first time anyone asks."""
    brief, _created = Brief.objects.select_related("session__consultation").get_or_create(
        session=session
    )
    return brief


def update_refusal(user_id, brief_id):
    """None when the person may change the document now, else (code, message).

    Runs before every update the consumer applies: it reloads the person and the brief,
    so a co-author removed, or a brief marked final, takes effect at the next update.
    """
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    brief = Brief.objects.select_related("session__consultation").filter(pk=brief_id).first()
    if brief is None:
        return "4404", _("This brief no longer exists.")
    if user is not None and rules.test_rule("briefs.edit", user, brief):
        return None
    if user is not None and rules.test_rule("briefs.view", user, brief) and not brief.is_drafting:
        return "read_only", _(
            "The brief is no longer being drafted, so it cannot be changed. "
            "Your last change was not saved."
        )
    return "4403", _(
        "Only the brief's co-authors can change it, and you are not one now. Your change was "
        "not saved; reload the page to read the brief."
    )
