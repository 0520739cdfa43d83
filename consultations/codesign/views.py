"""Public pages of co-design sessions: the session page with its RSVP form, cancelling
and declining, the calendar file, invitation links, and the staff page that invites,
records attendance, writes notes and draws a panel by lot.

The URL names live in the `codesign` namespace (`codesign:session_detail`, …), see
`urls.py`. Every decision is a rule in `rules.py`; every write a service.
"""

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from engage.communities.panels import PanelError

from . import services
from .forms import (
    AgreedActionForm,
    AttendanceForm,
    InvitationForm,
    NoteForm,
    PanelForm,
    RsvpForm,
    SessionSettingsForm,
)
from .ics import session_calendar
from .models import CoDesignSession, Invitation, Rsvp
from .rules import rsvp_blocker

OUTCOME_MESSAGES = {
    services.RsvpOutcome.CONFIRMED: _("Your place is confirmed. We have emailed you the details."),
    services.RsvpOutcome.WAITLISTED: _(
        "This session is full, so you are on the waiting list. If a place comes up it is "
        "yours, and we will email you."
    ),
    services.RsvpOutcome.VOLUNTEERED: _(
        "Thank you for volunteering. Places are drawn by lot so the group reflects the "
        "city; we will email you if you are selected."
    ),
    services.RsvpOutcome.UPDATED: _("Your details for this session are updated."),
}


def _session_or_404(request, pk):
    session = get_object_or_404(CoDesignSession.objects.select_related("consultation"), pk=pk)
    if not rules.test_rule("codesign.view_session", request.user, session):
        raise Http404
    return session


def _counts(session):
    return Rsvp.objects.filter(session=session).aggregate(
        confirmed=Count("pk", filter=Q(status=Rsvp.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Rsvp.Status.WAITLISTED)),
    )


def _detail_context(request, session, rsvp_form=None):
    user = request.user
    my_rsvp = my_invitation = None
    if user.is_authenticated:
        my_rsvp = Rsvp.objects.filter(session=session, user=user).first()
        my_invitation = Invitation.objects.filter(session=session, user=user).first()
    counts = _counts(session)
    places_left = None
    if session.capacity is not None:
        places_left = max(session.capacity - counts["confirmed"], 0)
    may_view_notes = rules.test_rule("codesign.view_notes", user, session)
    blocker = rsvp_blocker(user, session)
    if rsvp_form is None and blocker is None:
        initial = {}
        if my_rsvp is not None:
            initial = {
                "access_needs": my_rsvp.access_needs,
                "interpretation_language": my_rsvp.interpretation_language,
            }
        rsvp_form = RsvpForm(session=session, initial=initial)
    return {
        "session": session,
        "my_rsvp": my_rsvp,
        "my_invitation": my_invitation,
        "counts": counts,
        "places_left": places_left,
        "rsvp_form": rsvp_form,
        "rsvp_blocker": blocker,
        "rsvp_blocker_message": services.RSVP_BLOCKER_MESSAGES.get(blocker),
        "may_view_notes": may_view_notes,
        "may_manage": rules.test_rule("codesign.manage_session", user, session),
        "notes": session.notes.all() if may_view_notes else (),
        "agreed_actions": session.agreed_actions.all() if may_view_notes else (),
        "has_ended": session.has_ended(),
    }


def session_detail(request, pk):
    """One co-design session: when, where, in which languages, how accessible; the
    RSVP form; and, for participants and staff, its notes, decisions and actions.

    Sessions people may not see (of an unpublished consultation) answer 404.
    """
    session = _session_or_404(request, pk)
    return TemplateResponse(
        request, "codesign/session_detail.html", _detail_context(request, session)
    )


@require_POST
def session_rsvp(request, pk):
    """Ask for a place, or update access needs; full sessions put people on the
    waiting list and say so."""
    session = _session_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(session.get_absolute_url())
    form = RsvpForm(request.POST, session=session)
    if form.is_valid():
        try:
            _row, outcome = services.rsvp(request.user, session, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, OUTCOME_MESSAGES[outcome])
            return redirect(session.get_absolute_url())
    response = TemplateResponse(
        request,
        "codesign/session_detail.html",
        _detail_context(request, session, rsvp_form=form),
        status=400,
    )
    return response


@require_POST
def session_cancel(request, pk):
    session = _session_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(session.get_absolute_url())
    try:
        services.cancel_rsvp(request.user, session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("You have cancelled. Thank you for letting us know in good time.")
        )
    return redirect(session.get_absolute_url())


@require_POST
def session_decline(request, pk):
    session = _session_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(session.get_absolute_url())
    try:
        services.decline(request.user, session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have declined the invitation. Thank you for replying."))
    return redirect(session.get_absolute_url())


def session_calendar_file(request, pk):
    """The session as an iCalendar file, to add to any calendar."""
    session = _session_or_404(request, pk)
    text = session_calendar(
        session,
        url=request.build_absolute_uri(session.get_absolute_url()),
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


def session_invitation(request, token):
    """Where the link in an invitation email lands.

    Signed in with a verified address the invitation was sent to: it attaches to the
    account and the person goes to the session page to reply. Otherwise the page asks
    them to sign up or log in with that address (the invitation attaches then).
    """
    invitation = services.invitation_from_link(token)
    if invitation is None:
        return TemplateResponse(
            request, "codesign/invitation_link.html", {"invalid": True}, status=404
        )
    session = invitation.session
    if request.user.is_authenticated:
        services.attach_verified_invitations(request.user)
        invitation.refresh_from_db()
        if invitation.user_id == request.user.pk:
            messages.success(
                request,
                _("Your invitation is linked to your account. Please reply on this page."),
            )
            return redirect(session.get_absolute_url())
    return TemplateResponse(
        request,
        "codesign/invitation_link.html",
        {"invitation": invitation, "session": session, "invalid": False},
    )


# Staff ----------------------------------------------------------------------------

MANAGE_FORMS = {
    "invite": InvitationForm,
    "note": NoteForm,
    "action": AgreedActionForm,
    "panel": PanelForm,
}


def session_manage(request, pk):
    """The staff page for one session: invitations, who is coming, attendance,
    notes, decisions, agreed actions and the panel by lot."""
    session = get_object_or_404(CoDesignSession, pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not rules.test_rule("codesign.manage_session", request.user, session):
        raise PermissionDenied
    rsvps = list(
        Rsvp.objects.filter(session=session)
        .select_related("user")
        .order_by("status", "queued_at", "created_at")
    )
    bound = request.POST.get("form") if request.method == "POST" else None
    forms = {
        name: form_class(request.POST if bound == name else None, prefix=name)
        for name, form_class in MANAGE_FORMS.items()
    }
    forms["settings"] = SessionSettingsForm(
        request.POST if bound == "settings" else None,
        prefix="settings",
        initial={
            "invitation_only": session.invitation_only,
            "places_by_lot": session.places_by_lot,
        },
    )
    forms["attendance"] = AttendanceForm(
        request.POST if bound == "attendance" else None,
        prefix="attendance",
        rsvps=[row for row in rsvps if row.status != Rsvp.Status.DECLINED],
    )
    if bound in forms and forms[bound].is_valid():
        form = forms[bound]
        try:
            message = _handle_manage_form(request, session, bound, form)
        except ValidationError as error:
            if hasattr(form, "add_service_error"):
                form.add_service_error(error)
            else:
                form.add_error(None, error)
        except PanelError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, message)
            return redirect("codesign:session_manage", pk=session.pk)
    context = {
        "session": session,
        "rsvps": rsvps,
        "invitations": session.invitations.select_related("user").order_by("created_at"),
        "notes": session.notes.all(),
        "agreed_actions": session.agreed_actions.all(),
        "panel_selections": session.panel_selections.all()[:5],
        "forms": forms,
        "bound": bound,
        "counts": _counts(session),
    }
    return TemplateResponse(request, "codesign/manage.html", context, status=400 if bound else 200)


def _handle_manage_form(request, session, name, form):
    data = form.cleaned_data
    staff = request.user
    if name == "invite":
        services.invite(
            session, staff, user=data.get("user"), email=data.get("email") or "", role=data["role"]
        )
        return _("The invitation is sent.")
    if name == "note":
        services.add_note(session, staff, data["text"], kind=data["kind"])
        return _("The note is added. Participants can read it on the session page.")
    if name == "action":
        services.add_agreed_action(
            session, staff, what=data["what"], who=data["who"], due_date=data["due_date"]
        )
        return _("The agreed action is added.")
    if name == "panel":
        selection = services.select_panel_for_session(
            session, staff, dimension=data["dimension"], seed=data["seed"]
        )
        return _(
            "The panel is drawn (seed %(seed)s). Everyone selected has a confirmed place and "
            "has been emailed; everyone else is on the waiting list."
        ) % {"seed": selection.seed}
    if name == "settings":
        services.set_session_settings(session, staff, **data)
        return _("The session settings are saved.")
    if name == "attendance":
        present = {int(pk) for pk in data["attended"]}
        replied = {int(pk) for pk, _label in form.fields["attended"].choices}
        if present:
            services.record_attendance(session, staff, present, present=True)
        if replied - present:
            services.record_attendance(session, staff, replied - present, present=False)
        return _("Attendance is recorded.")
    raise ValueError(name)
