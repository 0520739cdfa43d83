"""The matrix page's filters (a GET form read by the page and its downloads)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Area, Dimension

from .data import Filters


class MatrixFilters(forms.Form):
    dimension = forms.ChoiceField(label=_("Dimension"), required=False)
    area = forms.ChoiceField(
        label=_("Area"),
        required=False,
        help_text=_("The tension and sentiment signals of this area; every area when empty."),
    )
    since = forms.DateField(
        label=_("Assessments from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=_("Assessments until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Every dimension"))]
        self.fields["dimension"].choices = every + list(
            Dimension.objects.order_by("sort_order", "name").values_list("slug", "name")
        )
        self.fields["area"].choices = [("", _("Every area"))] + list(
            Area.objects.order_by("name", "code").values_list("code", "name")
        )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period is before its start."))
        return data

    @staticmethod
    def empty_filters():
        return Filters()

    def filters(self):
        data = self.cleaned_data
        return Filters(
            dimension=data.get("dimension") or None,
            area=data.get("area") or None,
            since=data.get("since"),
            until=data.get("until"),
        )
