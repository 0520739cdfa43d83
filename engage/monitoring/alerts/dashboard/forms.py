"""The dashboard's filters: which series, which period, which policy area and group.

A GET form (the page, the CSV and the PDF read the same query string). Without any
parameter it shows every registered series over the last DEFAULT_WEEKS weeks.
"""

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Category
from engage.monitoring import series as registry
from engage.policy.models import PolicyArea

from .figures import DEFAULT_WEEKS, GROUP, MAX_WEEKS, POLICY_AREA


def group_choices():
    """Community groups as ("<dimension>:<category>", "Dimension: Group"), one query."""
    categories = Category.objects.select_related("dimension").order_by(
        "dimension__sort_order", "dimension__name", "sort_order", "name"
    )
    return [
        (
            f"{category.dimension.slug}:{category.slug}",
            f"{category.dimension.name}: {category.name}",
        )
        for category in categories
    ]


class DashboardFilters(forms.Form):
    series = forms.MultipleChoiceField(
        label=_("Series"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave every box empty to see all of them."),
    )
    map = forms.ChoiceField(
        label=_("Series on the map"),
        required=False,
        help_text=_("The map shades each area by this series' figure for the period."),
    )
    weeks = forms.IntegerField(
        label=_("Number of weeks"),
        min_value=1,
        max_value=MAX_WEEKS,
        required=False,
        # Filled in when shown, in the reader's language (a `%` here would run once, at
        # import, in English).
        help_text=lazy(
            lambda: (
                gettext("From 1 to %(max)s; %(default)s when empty.")
                % {"max": MAX_WEEKS, "default": DEFAULT_WEEKS}
            ),
            str,
        )(),
    )
    until = forms.DateField(
        label=_("Period ending in the week of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Today's week when empty."),
    )
    policy_area = forms.ChoiceField(label=_("Policy area"), required=False)
    group = forms.ChoiceField(
        label=_("Community group"),
        required=False,
        help_text=_(
            "Series that cannot be broken down this way say “not available for this filter”."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        series_choices = [(s.key, s.label) for s in registry.registered()]
        self.fields["series"].choices = series_choices
        self.fields["map"].choices = [("", _("The first series shown")), *series_choices]
        self.fields["policy_area"].choices = [
            ("", _("All policy areas")),
            *PolicyArea.objects.order_by("name").values_list("slug", "name"),
        ]
        self.fields["group"].choices = [("", _("Everyone")), *group_choices()]

    def clean_until(self):
        return self.cleaned_data.get("until") or timezone.localdate()

    def clean_weeks(self):
        return self.cleaned_data.get("weeks") or DEFAULT_WEEKS

    def chosen_series(self):
        """The registered series to show, in the registry's order."""
        keys = set(self.cleaned_data.get("series") or [])
        return [s for s in registry.registered() if not keys or s.key in keys]

    def map_key(self, chosen):
        """The series on the map: the one asked for if shown, else the first shown."""
        keys = [s.key for s in chosen]
        wanted = self.cleaned_data.get("map")
        if wanted in keys:
            return wanted
        return keys[0] if keys else None

    def filters(self):
        return {
            POLICY_AREA: self.cleaned_data.get("policy_area") or "",
            GROUP: self.cleaned_data.get("group") or "",
        }

    def period(self):
        return self.cleaned_data["until"], self.cleaned_data["weeks"]
