"""Authors editing and withdrawing their own posts and thread openings."""

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .. import services
from ..forms import EditForm
from ..models import Post
from .common import own_content, viewable_thread


def _edit(request, content, thread):
    own_content(request, content)
    if not content.can_still_edit() or not rules.test_rule(
        "forums.edit_post", request.user, content
    ):
        raise Http404
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                services.edit_content(request.user, content, form.cleaned_data["text"])
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Your post has been changed."))
                return redirect(content.get_absolute_url())
    else:
        form = EditForm(initial={"text": content.body_text})
    return TemplateResponse(
        request,
        "forums/post_edit.html",
        {"content": content, "thread": thread, "page": thread.forum, "form": form},
        status=400 if form.errors else 200,
    )


def _withdraw(request, content, thread):
    own_content(request, content)
    if content.is_withdrawn:
        raise Http404
    if request.method == "POST":
        services.withdraw_content(request.user, content)
        messages.success(request, _("Your post has been withdrawn."))
        return redirect(content.get_absolute_url())
    return TemplateResponse(
        request,
        "forums/post_withdraw.html",
        {"content": content, "thread": thread, "page": thread.forum},
    )


def _visible_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread", "thread__forum"), pk=pk)
    if not rules.test_rule("forums.view_post", request.user, post):
        raise Http404
    return post


def post_edit(request, pk):
    post = _visible_post(request, pk)
    return _edit(request, post, post.thread)


def post_withdraw(request, pk):
    post = _visible_post(request, pk)
    return _withdraw(request, post, post.thread)


def thread_edit(request, pk):
    thread = viewable_thread(request, pk)
    return _edit(request, thread, thread)


def thread_withdraw(request, pk):
    thread = viewable_thread(request, pk)
    return _withdraw(request, thread, thread)
