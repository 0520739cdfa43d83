"""Opinion maps in the Wagtail admin (Engage → Opinion maps), for city staff.

Staff set the question and the title (in each language: django-modeltranslation,
engage/opinions/translation.py), where the map belongs (a consultation, a forum, or
nowhere: a standalone map), its status (draft, open, closed), the moderation of
residents' statements and whether residents may add any, and write seed statements,
one per line (added through `services.add_seed_statements`; existing ones are listed,
and taken out through the moderation queue like any statement). Who may use it is the
rule "opinions.manage_map", asked through a `RulePermissionPolicy`.
"""

from django import forms
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK
from engage.admin_viewsets import ListingQuerysetMixin
from engage.communities.scopes import scope_choices
from engage.moderation.content import ContentStatus

from . import services
from .models import OpinionMap, Participant, Statement
from .scopes import ATTACHABLE


def scope_options():
    """(value, label) of every consultation and forum a map can belong to."""
    labels = {"consultation": _("Consultation"), "forum": _("Forum")}
    options = [("", _("None: a standalone map"))]
    for kind in ATTACHABLE:
        options += [
            (f"{kind}:{key}", f"{labels[kind]}: {title}") for key, title in scope_choices(kind)
        ]
    return options


class OpinionMapForm(WagtailAdminModelForm):
    """An opinion map and new seed statements (one per line)."""

    seed_statements = forms.CharField(
        label=_("Add seed statements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One statement per line, each at most 280 characters: short, one idea, "
            "something people can agree or disagree with. Lines already on the map are skipped."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "scope" in self.fields:
            options = scope_options()
            current = self.instance.scope
            if current and current not in dict(options):
                options.append((current, current))
            self.fields["scope"] = forms.ChoiceField(
                label=_("Belongs to"), choices=options, required=False
            )
        if self.instance.pk:
            existing = Statement.objects.of_map(self.instance).filter(is_seed=True)
            texts = [s.text for s in existing.exclude(status=ContentStatus.WITHDRAWN)[:50]]
            if texts:
                self.fields["seed_statements"].help_text = format_existing(
                    self.fields["seed_statements"].help_text, texts
                )

    def clean_seed_statements(self):
        lines = [
            line.strip()
            for line in self.cleaned_data["seed_statements"].splitlines()
            if line.strip()
        ]
        errors = []
        for number, line in enumerate(lines, start=1):
            try:
                services.clean_statement_text(line)
            except forms.ValidationError as error:
                errors.append(
                    _("Line %(number)s: %(problem)s")
                    % {"number": number, "problem": error.messages[0]}
                )
        if errors:
            raise forms.ValidationError(errors)
        return lines

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit and self.cleaned_data.get("seed_statements"):
            services.add_seed_statements(
                self.for_user, instance, self.cleaned_data["seed_statements"]
            )
        return instance


def format_existing(help_text, texts):
    """The help text followed by the seed statements already on the map."""
    listed = "; ".join(f"“{text}”" for text in texts)
    return _("%(help)s Already on the map: %(statements)s") % {
        "help": help_text,
        "statements": listed,
    }


def translated_panels(field_name):
    """One panel per language (title_en, title_ar…), as wagtail-modeltranslation
    rewrites a model's own `panels`; the edit handler here is built in the viewset."""
    return [
        FieldPanel(build_localized_fieldname(field_name, language))
        for language in mt_settings.AVAILABLE_LANGUAGES
    ]


class CountColumn(Column):
    def get_value(self, instance):
        return getattr(instance, self.name, 0)


class OpinionMapViewSet(ListingQuerysetMixin, ModelViewSet):
    model = OpinionMap
    icon = "comment"
    menu_label = _("Opinion maps")
    menu_order = 600
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "opinions/maps"
    search_backend_name = None
    search_fields = ["title", "question", "scope"]
    list_filter = ["status"]
    list_display = [
        "__str__",
        Column("scope", label=_("Belongs to")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        CountColumn("statement_count", label=_("Statements")),
        CountColumn("pending_count", label=_("Awaiting moderation")),
        CountColumn("participant_count", label=_("Participants")),
        DateColumn("created", label=_("Created")),
    ]
    copy_view_enabled = False
    inspect_view_enabled = True

    @cached_property
    def edit_handler(self):
        return ObjectList(
            [
                *translated_panels("title"),
                *translated_panels("question"),
                FieldPanel("scope"),
                FieldPanel("status"),
                FieldPanel("moderation_mode"),
                FieldPanel("accepts_statements"),
                FieldPanel("seed_statements"),
            ],
            base_form_class=OpinionMapForm,
        )

    def index_queryset(self):
        # One subquery per count: joining statements and participants together would
        # multiply them (a large imported map has thousands of each).
        return OpinionMap.objects.annotate(
            statement_count=_count(Statement),
            pending_count=_count(Statement, status=ContentStatus.PENDING),
            participant_count=_count(Participant),
        ).order_by("-created", "-pk")


def _count(model, **filters):
    rows = (
        model.objects.filter(map=OuterRef("pk"), **filters)
        .order_by()
        .values("map")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)
