"""Wagtail's workflow actions (approve, reject… from the dashboard, the page listing and
the moderation modals) with an Engage hook in front.

Wagtail runs no hook before a workflow action, and the final approval of a workflow
publishes the page. A rule that must hold before publication (a consultation's cohesion
section, `consultations.cohesion`) therefore registers a `BEFORE_WORKFLOW_ACTION` hook:

    @hooks.register(BEFORE_WORKFLOW_ACTION)
    def check(request, page, action_name):
        return None  # or a translated sentence saying what to do

The first sentence returned stops the action: nothing is recorded, the sentence is shown
as an error on the page's edit view, and the modal (or the plain form) is sent there.
`engage.urls` routes Wagtail's own workflow-action URL here, ahead of the admin's URLs;
everything else goes on to Wagtail's view unchanged. (The page editor's own workflow
buttons post to the edit view, which `before_edit_page` hooks see.)
"""

import functools

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page

BEFORE_WORKFLOW_ACTION = "engage_before_workflow_action"
URL = "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/"


@functools.cache
def _wagtail_view():
    """Wagtail's own view of the URL. Looked up on first use: importing the admin's URL
    modules while `wagtail_hooks` modules load (which import BEFORE_WORKFLOW_ACTION)
    would build the admin's viewsets before every hook had registered its own."""
    from wagtail.admin.urls import pages as wagtail_page_urls

    return next(
        pattern.callback
        for pattern in wagtail_page_urls.urlpatterns
        if getattr(pattern, "name", None) == "workflow_action"
    )


def _offered(page, action_name, user):
    """Whether the page's current workflow task offers `action_name` to `user` (else
    Wagtail's view refuses on its own, and no hook is asked)."""
    task = page.current_workflow_task
    if task is None:
        return False
    return action_name in {name for name, _label, _modal in task.get_actions(page, user)}


def refusal(request, page, action_name):
    """The first sentence a hook refuses `action_name` on `page` with, or None."""
    for check in hooks.get_hooks(BEFORE_WORKFLOW_ACTION):
        sentence = check(request, page, action_name)
        if sentence:
            return sentence
    return None


@require_admin_access
@never_cache
def workflow_action(request, page_id, action_name, task_state_id):
    if request.method == "POST":
        page = get_object_or_404(Page, pk=page_id).specific
        sentence = _offered(page, action_name, request.user) and refusal(request, page, action_name)
        if sentence:
            messages.error(request, sentence)
            edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                # What Wagtail's modal expects: it then goes to `redirect`.
                return JsonResponse({"step": "success", "redirect": edit_url})
            return redirect(edit_url)
    return _wagtail_view()(
        request, page_id=page_id, action_name=action_name, task_state_id=task_state_id
    )
