"""The no-JavaScript comment pages (posting, replies, editing, withdrawing).
Consultation pages themselves are Wagtail pages; co-design sessions have their own
views in `consultations.codesign.views`."""

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from engage.ratelimit import check_rate, client_address

from .comments import COMMENTS_PER_PAGE, replies_of
from .forms import CommentEditForm, CommentForm
from .models import (
    MAX_COMMENT_DEPTH,
    Comment,
    CommentStatus,
    ConsultationPage,
    Proposal,
)
from .rules import take_part_blocker
from .services import edit_comment, post_comment, withdraw_comment


def _viewable_consultation(request, consultation_id):
    consultation = get_object_or_404(ConsultationPage.objects.specific(), pk=consultation_id)
    if not rules.test_rule("consultations.view_consultation", request.user, consultation):
        raise Http404
    return consultation


def _visible_comment(request, pk):
    comment = get_object_or_404(
        Comment.objects.visible_to(request.user)
        .with_reported(request.user)
        .select_related("author", "proposal", "consultation", "parent"),
        pk=pk,
    )
    if not rules.test_rule("consultations.view_consultation", request.user, comment.consultation):
        raise Http404
    return comment


def _thread_url(consultation, comment):
    anchor = f"comment-{comment.pk}"
    if comment.parent_id:
        return reverse("consultations:comment_replies", kwargs={"pk": comment.parent_id}) + (
            "#" + anchor
        )
    return consultation.url + "#" + anchor


def _posted_message(request, comment):
    if comment.is_pending:
        messages.success(
            request,
            _("Thank you. Your comment will appear once a moderator has checked it."),
        )
    else:
        messages.success(request, _("Thank you. Your comment has been posted."))


@require_POST
def comment_post(request, consultation_id):
    """Post a first-level comment (on a proposal when the form names one)."""
    consultation = _viewable_consultation(request, consultation_id)
    proposal = None
    proposal_id = request.POST.get("proposal") or ""
    if proposal_id:
        proposal = Proposal.objects.filter(
            pk=int(proposal_id) if proposal_id.isdigit() else 0
        ).first()
    form = CommentForm(request.POST, prefix=f"p{proposal.pk}" if proposal else None)
    if form.is_valid():
        try:
            if proposal_id and proposal is None:
                raise ValidationError(
                    _("That proposal no longer exists. Please comment on another one."),
                    code="wrong_proposal",
                )
            check_rate("comment", user=request.user, address=client_address(request))
            comment = post_comment(
                request.user,
                consultation,
                form.cleaned_data["text"],
                proposal=proposal,
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            _posted_message(request, comment)
            return redirect(_thread_url(consultation, comment))
    return TemplateResponse(
        request,
        "consultations/comment_form.html",
        {"consultation": consultation, "proposal": proposal, "form": form},
        status=400,
    )


def comment_replies(request, pk):
    """A comment and its replies (loaded on demand), with a reply form when allowed."""
    comment = _visible_comment(request, pk)
    form = None
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                check_rate("comment", user=request.user, address=client_address(request))
                reply = post_comment(
                    request.user,
                    comment.consultation,
                    form.cleaned_data["text"],
                    parent=comment,
                    language=form.cleaned_data["language"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                _posted_message(request, reply)
                return redirect(_thread_url(comment.consultation, reply))
    return _replies_response(request, comment, form)


def _replies_response(request, comment, form):
    blocker = take_part_blocker(request.user, comment.consultation)
    can_reply = (
        blocker is None
        and comment.depth < MAX_COMMENT_DEPTH
        and comment.status == CommentStatus.PUBLISHED
    )
    if can_reply and form is None:
        form = CommentForm()
    paginator = Paginator(replies_of(request.user, comment), COMMENTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "consultations/comment_replies.html",
        {
            "consultation": comment.consultation,
            "page": comment.consultation,
            "comment": comment,
            "replies": page_obj.object_list,
            "page_obj": page_obj,
            "form": form if can_reply else None,
            "take_part_blocker": blocker,
            "can_reply_here": comment.depth < MAX_COMMENT_DEPTH,
        },
        status=400 if form is not None and form.errors else 200,
    )


def comment_edit(request, pk):
    """Edit one's own comment within the edit window: a form, then the change."""
    comment = _visible_comment(request, pk)
    if comment.author_id != request.user.pk or not comment.can_still_edit():
        raise Http404
    if request.method == "POST":
        form = CommentEditForm(request.POST)
        if form.is_valid():
            try:
                edit_comment(request.user, comment, form.cleaned_data["text"])
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Your comment has been changed."))
                return redirect(_thread_url(comment.consultation, comment))
    else:
        form = CommentEditForm(initial={"text": comment.body_text})
    return TemplateResponse(
        request,
        "consultations/comment_edit.html",
        {"comment": comment, "consultation": comment.consultation, "form": form},
        status=400 if form.errors else 200,
    )


def comment_withdraw(request, pk):
    """Withdraw one's own comment, after a confirmation step."""
    comment = _visible_comment(request, pk)
    if comment.author_id != request.user.pk or comment.is_withdrawn:
        raise Http404
    if request.method == "POST":
        withdraw_comment(request.user, comment)
        messages.success(request, _("Your comment has been withdrawn."))
        return redirect(_thread_url(comment.consultation, comment))
    return TemplateResponse(
        request,
        "consultations/comment_withdraw.html",
        {"comment": comment, "consultation": comment.consultation},
    )
