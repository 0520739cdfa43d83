"""The brief's pages. Everything here works without JavaScript: the brief is rendered on
the server from the Yjs document, and comments, suggestions, revisions and sign-off are
plain forms. Live co-editing (brief-editor.js) needs JavaScript and says so."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from consultations.codesign.models import CoDesignSession

from . import contribution_figures, document_store, services, ydoc
from .forms import BriefCommentForm, SignOffForm, SuggestionForm
from .models import BriefSnapshot, BriefSuggestion, SignOff
from .revisions import diff_html
from .templatetags.briefs_tags import clean_published_html


def _brief(request, session_id, rule="briefs.view"):
    session = get_object_or_404(
        CoDesignSession.objects.select_related("consultation"), pk=session_id
    )
    brief = services.find_brief(session)
    if not rules.test_rule("briefs.view", request.user, brief):
        if not rules.test_rule("codesign.view_session", request.user, session):
            raise Http404
        raise PermissionDenied
    if rule != "briefs.view" and not rules.test_rule(rule, request.user, brief):
        raise PermissionDenied
    if brief.pk is None:  # only people who may open it create the row
        brief = services.brief_for_session(session)
    return brief


def _detail_url(brief, anchor=""):
    url = reverse("consultations:briefs:detail", args=[brief.session_id])
    return f"{url}#{anchor}" if anchor else url


def _context(request, brief, **extra):
    user = request.user
    doc, _last = document_store.load_document(brief.pk)
    perms = {
        name.split(".", 1)[1]: rules.test_rule(name, user, brief)
        for name in (
            "briefs.view_drafting",
            "briefs.comment",
            "briefs.suggest",
            "briefs.edit",
            "briefs.sign_off",
            "briefs.mark_final",
            "briefs.reopen",
            "briefs.publish",
            "briefs.view_contributions",
        )
    }
    context = {
        "brief": brief,
        "session": brief.session,
        "html": (
            clean_published_html(brief.published_html)
            if brief.is_published and not perms["view_drafting"]
            else ydoc.render_html(doc)
        ),
        "perms": perms,
        # Drafting comments, suggestions and revisions name their authors: only for the
        # people who drafted (not for every reader of a published brief).
        "comments": (brief.comments.select_related("author") if perms["view_drafting"] else []),
        "suggestions": (
            brief.suggestions.select_related("author", "decided_by")
            if perms["view_drafting"]
            else []
        ),
        "comment_form": BriefCommentForm(),
        "suggestion_form": SuggestionForm(),
        "signoff_form": SignOffForm(),
        "my_signoff": (
            SignOff.objects.filter(brief=brief, user=user).first()
            if user.is_authenticated
            else None
        ),
        "public_name": str(user.public_name) if user.is_authenticated else "",
    }
    if brief.status != brief.Status.DRAFTING:
        coauthors = services.signoff_coauthors(brief)
        answers = {answer.user_id: answer for answer in brief.signoffs.all()}
        context["signoff_rows"] = [(person, answers.get(person.pk)) for person in coauthors]
        context["named_coauthors"] = services.named_coauthors(brief)
    if perms["view_contributions"]:
        context["contributions"] = contribution_figures.contributions(brief)
    context.update(extra)
    return context


def brief_detail(request, session_id):
    """The brief: the text, the live editor for co-authors, comments, suggestions."""
    brief = _brief(request, session_id)
    return TemplateResponse(request, "briefs/brief.html", _context(request, brief))


def _form_post(request, session_id, rule, form_class, action, form_key, anchor, done):
    brief = _brief(request, session_id, rule)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(brief, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect(_detail_url(brief, anchor))
    context = _context(request, brief, **{form_key: form})
    return TemplateResponse(request, "briefs/brief.html", context, status=400)


@require_POST
def comment(request, session_id):
    return _form_post(
        request,
        session_id,
        "briefs.comment",
        BriefCommentForm,
        lambda brief, user, body, quote: services.post_comment(brief, user, body, quote),
        "comment_form",
        "brief-comments",
        _("Your comment was added."),
    )


@require_POST
def suggest(request, session_id):
    return _form_post(
        request,
        session_id,
        "briefs.suggest",
        SuggestionForm,
        services.suggest,
        "suggestion_form",
        "brief-suggestions",
        _("Your suggestion was added. A co-author will accept or reject it."),
    )


@require_POST
def sign_off(request, session_id):
    return _form_post(
        request,
        session_id,
        "briefs.sign_off",
        SignOffForm,
        services.sign_off,
        "signoff_form",
        "brief-signoff",
        _("Thank you, your answer was recorded."),
    )


@require_POST
def decide_suggestion(request, session_id, pk, decision):
    brief = _brief(request, session_id, "briefs.edit")
    suggestion = get_object_or_404(BriefSuggestion, pk=pk, brief=brief)
    suggestion.brief = brief
    try:
        if decision == "accept":
            services.accept_suggestion(suggestion, request.user)
            messages.success(request, _("The suggestion was applied to the brief."))
        elif decision == "reject":
            services.reject_suggestion(suggestion, request.user)
            messages.success(request, _("The suggestion was rejected."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_detail_url(brief, "brief-suggestions"))


@require_POST
def change_status(request, session_id, action):
    """Staff: mark final (ask for sign-off), reopen for drafting, or publish."""
    actions = {
        "final": (
            "briefs.mark_final",
            services.mark_final,
            _("The brief is final. Co-authors are asked to sign it off."),
        ),
        "reopen": ("briefs.reopen", services.reopen, _("The brief is open for drafting again.")),
        "publish": (
            "briefs.publish",
            services.publish,
            _("The brief is published on the consultation."),
        ),
    }
    if action not in actions:
        raise Http404
    rule, service, done = actions[action]
    brief = _brief(request, session_id, rule)
    try:
        service(brief, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(_detail_url(brief))


def revisions(request, session_id):
    """Every revision, newest first, each with a link to compare it with the current text."""
    brief = _brief(request, session_id, "briefs.view_drafting")
    snapshots = brief.snapshots.select_related("created_by")
    return TemplateResponse(
        request,
        "briefs/revisions.html",
        {
            "brief": brief,
            "session": brief.session,
            "snapshots": snapshots,
            "can_edit": rules.test_rule("briefs.edit", request.user, brief),
        },
    )


@require_POST
def save_revision(request, session_id):
    brief = _brief(request, session_id, "briefs.edit")
    services.snapshot_on_demand(brief, request.user)
    messages.success(request, _("A revision of the brief as it is now was saved."))
    return redirect(reverse("consultations:briefs:revisions", args=[brief.session_id]))


def revision_detail(request, session_id, pk):
    """One revision, and what changed between it and another (`?against=<id>`) or now."""
    brief = _brief(request, session_id, "briefs.view_drafting")
    snapshot = get_object_or_404(BriefSnapshot, pk=pk, brief=brief)
    against_id = request.GET.get("against", "")
    if against_id.isdigit():
        other = get_object_or_404(BriefSnapshot, pk=int(against_id), brief=brief)
        older, newer = sorted([snapshot, other], key=lambda s: (s.created_at, s.pk))
        old_text, new_text = older.text, newer.text
        compared = {"older": older, "newer": newer}
    else:
        doc, _last = document_store.load_document(brief.pk)
        old_text, new_text = snapshot.text, ydoc.plain_text(doc)
        compared = {"older": snapshot, "newer": None}
    return TemplateResponse(
        request,
        "briefs/revision.html",
        {
            "brief": brief,
            "session": brief.session,
            "snapshot": snapshot,
            "diff": diff_html(old_text, new_text),
            "others": brief.snapshots.exclude(pk=snapshot.pk),
            "can_edit": rules.test_rule("briefs.edit", request.user, brief),
            **compared,
        },
    )


@require_POST
def restore_revision(request, session_id, pk):
    brief = _brief(request, session_id, "briefs.edit")
    snapshot = get_object_or_404(BriefSnapshot, pk=pk, brief=brief)
    snapshot.brief = brief
    services.restore_snapshot(snapshot, request.user)
    messages.success(
        request,
        _("The brief was restored to this revision. The text before it was saved as a revision."),
    )
    return redirect(_detail_url(brief))
