"""The cohesion section in the admin, and the rule that a consultation has one before
it is published.

- A viewset (Engage menu → "Cohesion sections") where city staff write sections; the
  "start" links create a consultation's or decision record's section once (groups
  pre-filled) and open it.
- `before_publish_page`: when `COHESION_SECTION_REQUIRED` is true (the default),
  publishing a ConsultationPage without a complete section is refused with a message
  that says what to do. Wagtail has already saved the draft by then, so nothing is lost.
- `before_edit_page`: opening such a consultation in the editor says so up front, and
  submitting it to a moderation workflow (or restarting one) without a complete section
  is refused, and so is approving a step of it there.
  `before_create_page` refuses submitting a new one.
- `BEFORE_WORKFLOW_ACTION` (engage.workflow_actions): approving from the dashboard or a
  moderation modal is refused too.
- `before_bulk_action` ("publish"): bulk publishing from the page listing is refused
  when a selected consultation, or a draft one under a selected page when descendants
  are included, lacks its section.
Decision records (standalone impact assessments) are checked by
`services.decision_publication_problem`, registered with engage/impact in apps.py.
"""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from consultations.models import ConsultationPage
from engage.accounts.permission_policies import RulePermissionPolicy
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK
from engage.impact.models import ImpactAssessment
from engage.workflow_actions import BEFORE_WORKFLOW_ACTION

from . import services
from .models import CohesionSection
from .rules import EDIT_SECTION

VIEWSET_NAME = "cohesion_sections"

register_permission_policy(CohesionSection, RulePermissionPolicy(CohesionSection, EDIT_SECTION))


def start_consultation_section(request, page_id):
    """Create (once) and open the section of consultation `page_id`."""
    if not rules.test_rule(EDIT_SECTION, request.user):
        raise PermissionDenied
    page = get_object_or_404(ConsultationPage, pk=page_id)
    section = services.section_for_consultation(page, by=request.user)
    return redirect(reverse(f"{VIEWSET_NAME}:edit", args=[section.pk]))


def start_decision_section(request, assessment_id):
    """Create (once) and open the section of a standalone decision record."""
    if not rules.test_rule(EDIT_SECTION, request.user):
        raise PermissionDenied
    assessment = get_object_or_404(ImpactAssessment, pk=assessment_id, subject_scope="")
    section = services.section_for_decision(assessment, by=request.user)
    return redirect(reverse(f"{VIEWSET_NAME}:edit", args=[section.pk]))


class CohesionSectionViewSet(ModelViewSet):
    """Cohesion and polarisation sections; every text has a version per language."""

    model = CohesionSection
    icon = "group"
    menu_label = gettext_lazy("Cohesion sections")
    menu_order = 380
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "cohesion/sections"
    search_backend_name = None
    search_fields = ["consultation__title", "assessment__title"]
    list_display = [
        Column("__str__", label=gettext_lazy("Section")),
        Column("updated_at", label=gettext_lazy("Updated")),
    ]
    add_to_reference_index = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "start/consultation/<int:page_id>/",
                start_consultation_section,
                name="start_consultation",
            ),
            path(
                "start/decision/<int:assessment_id>/",
                start_decision_section,
                name="start_decision",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_cohesion_sections():
    return CohesionSectionViewSet(VIEWSET_NAME)


def _missing_section(page):
    return (
        isinstance(page, ConsultationPage)
        and services.is_required()
        and not services.consultation_has_complete_section(page)
    )


def _what_to_do(page):
    return _(
        "This consultation cannot be published yet: it needs its cohesion and "
        "polarisation section, saying what was considered about relations between "
        "communities and summing it up for residents in plain words. Your changes are "
        "saved as a draft. Write the section (%(url)s), then publish again."
    ) % {"url": reverse(f"{VIEWSET_NAME}:start_consultation", args=[page.pk])}


@hooks.register("before_publish_page")
def require_cohesion_section(request, page):
    if _missing_section(page):
        messages.error(request, _what_to_do(page))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def _moves_towards_publication(data):
    """Submitting to (or restarting) moderation from the page editor, or approving a
    step of it there (the last approval publishes)."""
    approving = data.get("action-workflow-action") and data.get("workflow-action-name") == (
        "approve"
    )
    return bool(data.get("action-submit") or data.get("action-restart-workflow") or approving)


@hooks.register(BEFORE_WORKFLOW_ACTION)
def refuse_approving_without_section(request, page, action_name):
    """Approving from the dashboard or a moderation modal (the last approval publishes
    through Wagtail with no hook of its own: engage.workflow_actions)."""
    if action_name == "approve" and _missing_section(page):
        return _what_to_do(page)
    return None


@hooks.register("before_edit_page")
def warn_missing_cohesion_section(request, page):
    if not _missing_section(page):
        return None
    if request.method == "POST" and _moves_towards_publication(request.POST):
        messages.error(request, _what_to_do(page))
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method == "GET":
        messages.warning(request, _what_to_do(page))
    return None


@hooks.register("before_create_page")
def refuse_submitting_new_consultation(request, parent_page, page_class):
    """A new consultation has no section yet, so it cannot go to moderation."""
    if (
        request.method == "POST"
        and request.POST.get("action-submit")
        and issubclass(page_class, ConsultationPage)
        and services.is_required()
    ):
        messages.error(
            request,
            _(
                "A new consultation cannot be submitted for moderation yet: it needs its "
                "cohesion and polarisation section first. Save it as a draft, write the "
                "section, then submit it."
            ),
        )
        return redirect(request.get_full_path())
    return None


def _pages_to_publish(objects, action):
    yield from objects
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            yield from page.get_descendants().not_live().type(ConsultationPage).specific()


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_section(request, action_type, objects, action):
    if action_type != "publish" or not services.is_required():
        return None
    for page in _pages_to_publish(objects, action):
        page = page.specific_deferred
        if _missing_section(page):
            messages.error(request, _what_to_do(page))
            return redirect("wagtailadmin_pages:edit", page.pk)
    return None
