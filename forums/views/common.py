"""What the forum views share: finding what the visitor may see, and the messages after
posting."""

import rules
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from ..models import ForumPage, Thread

RATE_LIMITED_STATUS = 429


def viewable_forum(request, forum_id):
    """The forum page, or 404 when it does not exist or `request.user` may not see it."""
    forum = get_object_or_404(ForumPage.objects.specific(), pk=forum_id)
    if not rules.test_rule("forums.view_forum", request.user, forum):
        raise Http404
    return forum


def viewable_thread(request, pk):
    """The thread (with its forum, author and topic), or 404 as for `viewable_forum`."""
    thread = get_object_or_404(Thread.objects.select_related("forum", "author", "topic"), pk=pk)
    if not rules.test_rule("forums.view_thread", request.user, thread):
        raise Http404
    thread.forum = thread.forum.specific
    return thread


def own_content(request, content):
    """404 unless `request.user` wrote `content`."""
    if not request.user.is_authenticated or content.author_id != request.user.pk:
        raise Http404


def posted_message(request, content, what):
    """The message after posting: a duplicate, awaiting moderation, or posted."""
    if getattr(content, "was_duplicate", False):
        messages.info(request, _("You had already sent this, so it was posted only once."))
    elif content.is_pending:
        messages.success(
            request, _("Thank you. Your post will appear once a moderator has checked it.")
        )
    elif what == "claim":
        messages.success(
            request,
            _(
                "Thank you. Your claim has been posted. Community leaders, staff and partners "
                "will look at the facts."
            ),
        )
    else:
        messages.success(request, _("Thank you. Your post has been posted."))


def rate_limited(form, error):
    """Say "too fast" above the form (the status is RATE_LIMITED_STATUS)."""
    form.add_error(None, error.message)
