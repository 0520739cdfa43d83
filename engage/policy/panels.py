"""Admin panels of the policy app.

`PartnerGrantsPanel` shows a partner organisation's grants read-only: grants belong to
an information-sharing agreement and are edited on it, where the agreement's lock
(terms fixed once sent for signature, `AgreementAdminForm`) applies. Editing them on
the organisation would bypass that lock, so the organisation form has no grants
formset at all.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

AGREEMENT_EDIT_URL = "wagtailsnippets_policy_informationsharingagreement:edit"


def _agreement_url(agreement_id):
    try:
        return reverse(AGREEMENT_EDIT_URL, args=[agreement_id])
    except NoReverseMatch:  # the snippet is not registered (some test settings)
        return ""


class PartnerGrantsPanel(Panel):
    """The organisation's grants, read-only, each with a link to its agreement."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Data-sharing grants"))
        kwargs.setdefault(
            "help_text",
            _(
                "Grants are part of an information-sharing agreement. To add, change or "
                "remove one, edit the agreement (a draft), or make a new agreement if it "
                "is already signed."
            ),
        )
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "policy/panels/partner_grants.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            grants = []
            if self.instance is not None and self.instance.pk:
                for grant in self.instance.grants.select_related("agreement").order_by(
                    "scope", "pk"
                ):
                    grants.append(
                        {
                            "grant": grant,
                            "agreement_url": _agreement_url(grant.agreement_id)
                            if grant.agreement_id
                            else "",
                        }
                    )
            context["grants"] = grants
            return context
