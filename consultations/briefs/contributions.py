"""A contribution source for the tokenism check "present but not heard".

`engage.communities.tokenism.present_but_not_heard(scope, contributions=...)` takes any
callable mapping a session scope to {(dimension id, category id): amount}. The default
counts people who contributed at all; `brief_voice` weighs what each group actually
put into the brief: characters added and removed in the live document, plus
`COMMENT_WEIGHT` per comment and `SUGGESTION_WEIGHT` per accepted suggestion. Amounts
are summed per declared group inside the database read; no per-person figure leaves
this function.
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from engage.communities.models import Declaration

from .models import Contribution

COMMENT_WEIGHT = 100
SUGGESTION_WEIGHT = 100


class BriefVoice:
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
