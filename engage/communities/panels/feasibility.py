"""Explaining quotas that cannot be met: by counting first, then as the solver finds."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .errors import Explanation, ImpossibleQuotasError
from .validation import _value_counts


def explain_impossible_quotas(volunteers, quotas, size):
    """Explanations for quotas that plainly cannot be met; an empty list if none.

    Catches what can be seen by counting: too few volunteers overall or with a value,
    minimums adding up to more than the places, maximums to fewer. Conflicts between
    features (every woman in the pool is over 65, say) are found by the solver later.
    """
    problems = []
    if len(volunteers) < size:
        problems.append(
            Explanation(
                ngettext_lazy(
                    "There is only %(count)s volunteer for %(size)s places. Reduce the "
                    "panel size or find more volunteers.",
                    "There are only %(count)s volunteers for %(size)s places. Reduce the "
                    "panel size or find more volunteers.",
                    "count",
                ),
                count=len(volunteers),
                size=size,
            )
        )
    counts = _value_counts(volunteers, quotas)
    by_feature = defaultdict(list)
    for quota in quotas:
        by_feature[quota.feature].append(quota)
        available = counts[quota.feature][quota.value]
        if quota.min > available:
            problems.append(
                Explanation(
                    ngettext_lazy(
                        "Feature %(feature)s, value %(value)s: min %(min)s but only "
                        "%(count)s volunteer has it. Lower the minimum or find more "
                        "volunteers with this value.",
                        "Feature %(feature)s, value %(value)s: min %(min)s but only "
                        "%(count)s volunteers have it. Lower the minimum or find more "
                        "volunteers with this value.",
                        "count",
                    ),
                    feature=quota.feature,
                    value=quota.value,
                    min=quota.min,
                    count=available,
                )
            )
    for feature, feature_quotas in by_feature.items():
        total_min = sum(quota.min for quota in feature_quotas)
        if total_min > size:
            problems.append(
                Explanation(
                    _(
                        "Feature %(feature)s: the minimums add up to %(total)s, more than "
                        "the %(size)s places. Lower some minimums or enlarge the panel."
                    ),
                    feature=feature,
                    total=total_min,
                    size=size,
                )
            )
        # A value can fill no more places than its max, nor more than the people who have it.
        fillable = sum(min(quota.max, counts[feature][quota.value]) for quota in feature_quotas)
        if fillable < size <= len(volunteers):
            problems.append(
                Explanation(
                    _(
                        "Feature %(feature)s: at most %(total)s of the %(size)s places can "
                        "be filled, because each value is limited by its maximum and by "
                        "the volunteers who have it. Raise some maximums."
                    ),
                    feature=feature,
                    total=fillable,
                    size=size,
                )
            )
    return problems


def _raise_if_infeasible(problem):
    """Ask the solver for any panel at all; if there is none, explain which quotas to move."""
    from sortition_algorithms import errors
    from sortition_algorithms.committee_generation import find_any_committee

    try:
        find_any_committee(problem.features, problem.people, problem.size, [])
    except errors.InfeasibleQuotasError as error:
        raise ImpossibleQuotasError(_explain_relaxation(problem, error.features)) from error
    except errors.InfeasibleQuotasCantRelaxError as error:
        raise ImpossibleQuotasError(
            [
                Explanation(
                    _(
                        "No panel of %(size)s from this pool meets all the quotas together, "
                        "even with them loosened. Check the quotas against who volunteered."
                    ),
                    size=problem.size,
                )
            ]
        ) from error


def _explain_relaxation(problem, relaxed):
    """One sentence per quota the library had to loosen to find a panel."""
    problems = []
    for f_token, values in problem.features.items():
        for v_token, original in values.items():
            feature, value = problem.names[f_token, v_token]
            suggestion = relaxed[f_token][v_token]
            if suggestion.min < original.min:
                problems.append(
                    Explanation(
                        _(
                            "Feature %(feature)s, value %(value)s: min %(min)s cannot be met "
                            "together with the other quotas; with this pool it can be at most "
                            "%(suggested)s."
                        ),
                        feature=feature,
                        value=value,
                        min=original.min,
                        suggested=suggestion.min,
                    )
                )
            if suggestion.max > original.max:
                problems.append(
                    Explanation(
                        _(
                            "Feature %(feature)s, value %(value)s: max %(max)s cannot be kept "
                            "together with the other quotas; with this pool it must be at "
                            "least %(suggested)s."
                        ),
                        feature=feature,
                        value=value,
                        max=original.max,
                        suggested=suggestion.max,
                    )
                )
    return problems or [
        Explanation(
            _("No panel of %(size)s from this pool meets all the quotas together."),
            size=problem.size,
        )
    ]
