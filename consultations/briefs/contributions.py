"""The contribution source of co-design sessions for the tokenism check "present but
not heard".

`engage.communities.tokenism.present_but_not_heard(scope)` asks the contribution source
registered for the scope's kind: a callable mapping a session scope to {(dimension id,
category id): amount}. `register()` (called from `BriefsConfig.ready()`) makes
`brief_voice` the source of every session; without it the check would count the people
with a contribution in the ledger at all. `brief_voice` weighs what each group actually
put into the brief: characters added and removed in the live document, plus
`COMMENT_WEIGHT` per comment and `SUGGESTION_WEIGHT` per accepted suggestion. Amounts
are summed per declared group inside the database read; no per-person figure leaves
this function.
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from engage.communities.models import Declaration, ScopeType
from engage.communities.tokenism import register_contribution_source

from .models import Contribution

COMMENT_WEIGHT = 100
SUGGESTION_WEIGHT = 100


class BriefVoice:
    """How much each declared group wrote in a session's brief (see the module)."""

    description = _(
        "how much each group wrote in the brief: characters added and removed, comments "
        "and accepted suggestions"
    )

    def __call__(self, scope):
        rows = Contribution.objects.filter(brief__session_id=int(scope.key)).values_list(
            "user_id", "chars_added", "chars_removed", "comments", "suggestions_accepted"
        )
        amounts = {
            user_id: added + removed + COMMENT_WEIGHT * comments + SUGGESTION_WEIGHT * accepted
            for user_id, added, removed, comments, accepted in rows
        }
        totals = defaultdict(int)
        declared = Declaration.objects.filter(
            user_id__in=list(amounts), category__isnull=False
        ).values_list("user_id", "dimension_id", "category_id")
        for user_id, dimension_id, category_id in declared:
            totals[(dimension_id, category_id)] += amounts[user_id]
        return dict(totals)


brief_voice = BriefVoice()


def register():
    """Make `brief_voice` the contribution source of co-design sessions."""
    register_contribution_source(ScopeType.SESSION, brief_voice)
