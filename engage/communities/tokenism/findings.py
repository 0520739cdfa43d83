"""What every tokenism check returns, a `Finding`, and what the checks share: the
codes and titles of the checks, where a scope is framed, and the names of groups and
leaders a finding may show."""

from dataclasses import asdict, dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engage.accounts.models import User

from ..models import Category
from ..scopes import Scope, scope_parts

SOLE_VOICE = "sole_voice"
PRESENT_NOT_HEARD = "present_not_heard"
GATEKEEPING = "gatekeeping"
WIDER_AUDIENCE_MISSING = "wider_audience_missing"
MAJORITY_MISSING = "majority_missing"

CHECKS = {
    SOLE_VOICE: _("Sole voice"),
    PRESENT_NOT_HEARD: _("Present but not heard"),
    GATEKEEPING: _("Gatekeeping"),
    WIDER_AUDIENCE_MISSING: _("Wider audience missing"),
    MAJORITY_MISSING: _("Majority viewpoint missing"),
}


@dataclass
class Finding:
    """One tokenism pattern found in one place. `leaders` (public names of community
    leaders) is for staff only: use `public()` for anyone else."""

    check: str
    scope: str
    explanation: str
    action: str
    group: str = ""
    dimension: str = ""
    leaders: list = field(default_factory=list)

    @property
    def title(self):
        return str(CHECKS[self.check])

    def public(self):
        """The finding without leaders' names: for partners and the API."""
        data = asdict(self)
        data.pop("leaders")
        data["title"] = self.title
        return data

    def for_staff(self):
        data = asdict(self)
        data["title"] = self.title
        return data


def scope_filter(scopes):
    """A Q matching ledger rows in any of `scopes` (recorded scopes only)."""
    condition = Q(pk__in=[])
    for scope in scopes:
        condition |= Q(scope_type=scope.kind, scope_id=scope.key)
    return condition


def framing_scopes(scope):
    """Where a scope is framed: a session is its own; a consultation is itself and the
    co-design sessions linked to it."""
    scope = scope if isinstance(scope, Scope) else Scope.parse(scope)
    return [scope, *scope_parts(scope)]


def leader_names(user_ids):
    """{user id: public name} of community leaders, for findings shown to staff."""
    return {user.pk: str(user.public_name) for user in User.objects.filter(pk__in=user_ids)}


def group_names(category_ids):
    """{category id: Category, with its dimension} of the groups named in findings."""
    return {
        category.pk: category
        for category in Category.objects.filter(pk__in=category_ids).select_related("dimension")
    }
