"""Pulse surveys in the Wagtail admin ("Engage" menu): waves (with their extra
questions), the history of issued link batches, and the "issue one-time links" action
that hands a CSV of N links over at once (recorded as an export).

Who may use them is the rule "pulse.manage" (city staff), through
`RulePermissionPolicy`, so the admin asks the same rules as everything else.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from engage.accounts.permission_policies import RulePermissionPolicy
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK
from engage.admin_viewsets import ListingQuerysetMixin, ReadOnlyViewSetMixin
from engage.links import absolute_url

from .forms import LinkBatchForm, WaveForm
from .models import LinkBatch, Wave
from .rules import MANAGE
from .services import issue_links, links_csv

ISSUE_LINKS_URL = "monitoring_pulse_issue_links"

register_permission_policy(Wave, RulePermissionPolicy(Wave, MANAGE))
register_permission_policy(LinkBatch, RulePermissionPolicy(LinkBatch, MANAGE, actions={"view"}))


class ActionColumn(TitleColumn):
    """A column whose every cell is the same link text (an action on the row)."""

    def __init__(self, name, text, **kwargs):
        super().__init__(name, **kwargs)
        self.text = text

    def get_value(self, instance):
        return self.text


class WaveViewSet(ListingQuerysetMixin, ModelViewSet):
    model = Wave
    icon = "list-ul"
    menu_label = _("Pulse survey waves")
    menu_order = 600
    menu_hook = ENGAGE_MENU_HOOK
    url_namespace = "pulse_waves"
    url_prefix = "pulse/waves"
    search_backend_name = None
    search_fields = ["title"]
    list_display = [
        "title",
        DateColumn("starts_on", label=_("First day")),
        DateColumn("ends_on", label=_("Last day")),
        ActionColumn(
            "links",
            _("Issue one-time links"),
            label=_("Answer links"),
            get_url=lambda wave: reverse(ISSUE_LINKS_URL, args=[wave.pk]),
        ),
        ActionColumn(
            "results",
            _("Results"),
            label=_("Results"),
            get_url=lambda wave: reverse("monitoring_pulse:results", args=[wave.pk]),
        ),
    ]

    @cached_property
    def edit_handler(self):
        # Wave.panels as rewritten by wagtail-modeltranslation (title_en, title_ar…).
        return ObjectList(Wave.panels, base_form_class=WaveForm)


class LinkBatchViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """Read-only: who was given how many links, when, by whom."""

    model = LinkBatch
    icon = "history"
    menu_label = _("Pulse answer links issued")
    menu_order = 610
    menu_hook = ENGAGE_MENU_HOOK
    url_namespace = "pulse_link_batches"
    url_prefix = "pulse/link-batches"
    search_backend_name = None
    search_fields = ["issued_to"]
    list_filter = ["wave"]
    list_display = [
        "__str__",
        Column("issued_to", label=_("Issued to")),
        Column("links", label=_("Links")),
        Column("created_by", label=_("Issued by")),
        DateColumn("created_at", label=_("Issued at")),
    ]

    def index_queryset(self):
        return LinkBatch.objects.select_related("wave", "created_by")


class IssueLinksView(WagtailAdminTemplateMixin, FormView):
    """Issue N one-time links for a wave and download them as CSV at once."""

    form_class = LinkBatchForm
    template_name = "pulse/admin/issue_links.html"
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        if not rules.test_rule(MANAGE, request.user):
            raise PermissionDenied
        self.wave = get_object_or_404(Wave, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Issue one-time answer links")

    def get_page_subtitle(self):
        return self.wave.title

    def get_context_data(self, **kwargs):
        return super().get_context_data(wave=self.wave, **kwargs)

    def form_valid(self, form):
        batch, tokens = issue_links(
            self.wave,
            form.cleaned_data["count"],
            form.cleaned_data["issued_to"],
            self.request.user,
            organisation=form.cleaned_data["organisation"],
        )
        text = links_csv(
            tokens,
            # Handed out on paper and by partners: the public address, not the admin's.
            lambda token: absolute_url(reverse("monitoring_pulse:answer_with_link", args=[token])),
        )
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="pulse-wave-{self.wave.pk}-links-{batch.pk}.csv"'
        )
        response["Cache-Control"] = "no-store"
        return response


@hooks.register("register_admin_viewset")
def register_pulse_viewsets():
    return [WaveViewSet(), LinkBatchViewSet()]


@hooks.register("register_admin_urls")
def register_pulse_admin_urls():
    return [
        path("pulse/waves/<int:pk>/links/", IssueLinksView.as_view(), name=ISSUE_LINKS_URL),
    ]
