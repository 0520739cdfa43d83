"""Wagtail admin wiring for "what we heard": the summary and export URLs, a "What we
heard" button on consultation pages (page header and listing menu), and the built-in
summary sections (other apps add theirs with the same hook; see `sections.py`).
"""

import rules
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from engage.accounts.rules import is_city_staff

from . import charts, data, services, summary
from .admin_views import ADMIN, views_for
from .sections import SUMMARY_SECTION_HOOK, SummarySection

_views = views_for(ADMIN)

admin_urlpatterns = (
    [
        path("consultations/<int:pk>/summary/", _views["summary"], name="summary"),
        path("consultations/<int:pk>/export/", _views["export"], name="export"),
        path("exports/<uuid:job_id>/", _views["job"], name="job"),
        path("exports/<uuid:job_id>/status.json", _views["job_status"], name="job_status"),
        path("exports/<uuid:job_id>/download/", _views["download"], name="download"),
    ],
    ADMIN,
)


@hooks.register("register_admin_urls")
def register_export_urls():
    return [path("", include(admin_urlpatterns))]


# --- a link from the consultation page in the admin -------------------------------------


class SummaryButton(PageMenuItem):
    label = _("What we heard")
    icon_name = "doc-full"

    @property
    def url(self):
        return reverse(f"{ADMIN}:summary", args=[self.page.pk])

    def is_shown(self, user):
        from consultations.models import ConsultationPage

        return issubclass(self.page.specific_class or type(None), ConsultationPage) and (
            rules.test_rule("exports.view_summary", user, self.page)
        )


@hooks.register("register_page_header_buttons")
def summary_header_button(page, user, view_name, next_url=None):
    yield SummaryButton(page=page, priority=66)


@hooks.register("register_page_listing_more_buttons")
def summary_listing_button(page, user, next_url=None):
    yield SummaryButton(page=page, priority=55)


# --- the built-in summary sections -------------------------------------------------------


def _overview(request, consultation):
    return {"overview": summary.overview(consultation)}


def _proposals(request, consultation):
    figures = summary.proposal_figures(consultation)
    return {
        "proposals": figures,
        "chart": charts.bar_chart(
            _("Comments per proposal"), [(p.title, p.comments) for p in figures], "chart-proposals"
        ),
    }


def _surveys(request, consultation):
    results = data.survey_results(
        consultation, include_texts=services.may_see_survey_texts(request.user)
    )
    if not results:
        return None
    for s_index, survey in enumerate(results):
        for q_index, question in enumerate(survey.questions):
            rows = question.options or [(str(value), n) for value, n in question.scale]
            question.chart = (
                charts.bar_chart(question.text, rows, f"chart-survey-{s_index}-{q_index}")
                if rows
                else None
            )
    return {"surveys": results}


def _timeline(request, consultation):
    days = summary.comments_per_day(consultation)
    return {
        "days": days,
        "chart": charts.timeline_chart(_("Comments received per day"), days, "chart-timeline"),
    }


def _moderation(request, consultation):
    return {"moderation": summary.moderation_figures(consultation)}


def _representation(request, consultation):
    from engage.communities.admin_views import (
        ADMIN_NAMESPACE,
        PUBLIC_NAMESPACE,
        build_dashboard,
    )
    from engage.communities.representation import BaselineNotFound, ScopeNotFound
    from engage.communities.scopes import Scope

    scope = Scope("consultation", str(consultation.pk))
    if not rules.test_rule("accounts.view_reports", request.user, scope):
        return None
    namespace = ADMIN_NAMESPACE if request.resolver_match.namespace == ADMIN else PUBLIC_NAMESPACE
    context = {
        "consultations": [{"scope": str(scope), "title": consultation.title}],
        "may_see_city": False,
        "urls": {
            "dashboard": reverse(f"{namespace}:dashboard"),
            "export": reverse(f"{namespace}:export_csv"),
            "export_pdf": reverse(f"{namespace}:export_pdf"),
        },
        "scope_text": str(scope),
        "baseline": "",
        "dimension": "",
        "error": None,
        "scope": scope,
        "may_export": rules.test_rule("accounts.export", request.user, scope),
    }
    try:
        context.update(build_dashboard(request.user, scope))
    except (ScopeNotFound, BaselineNotFound) as exc:
        context["error"] = " ".join(exc.messages)
    return context


@hooks.register(SUMMARY_SECTION_HOOK)
def builtin_summary_sections():
    return [
        SummarySection("overview", _("Overview"), "exports/sections/overview.html", _overview, 100),
        SummarySection(
            "proposals", _("Proposals"), "exports/sections/proposals.html", _proposals, 200
        ),
        SummarySection("surveys", _("Surveys"), "exports/sections/surveys.html", _surveys, 300),
        SummarySection(
            "timeline", _("Comments over time"), "exports/sections/timeline.html", _timeline, 400
        ),
        # Moderation figures are for the city's own staff, not partner organisations.
        SummarySection(
            "moderation",
            _("Moderation"),
            "exports/sections/moderation.html",
            _moderation,
            500,
            is_shown=lambda user, consultation: is_city_staff(user),
        ),
        SummarySection(
            "representation",
            _("Representation"),
            "exports/sections/representation.html",
            _representation,
            600,
        ),
    ]
