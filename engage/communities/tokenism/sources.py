"""Contribution sources for "present but not heard", and the registry of them.

A contribution source is any callable taking a session scope and returning
{(dimension id, category id): amount} summed per declared group, with a `description`
saying what it measures (it is quoted in the finding). No per-person figure may leave it.

The feature that records contributions to a kind of scope registers its source in its
`AppConfig.ready()` (`register_contribution_source("session", brief_voice)`, from the
co-authored briefs); the check uses the registered source for the scope's kind by
default, and `ledger_contributors` (people with `Action.CONTRIBUTED` in the ledger) when
no app registered one. The shared code never imports the feature.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..models import Action, Declaration, Participation


def declared_counts(user_ids):
    """{(dimension id, category id): people} among `user_ids` (a values queryset) who
    declared a category (prefer-not-to-say is left out)."""
    rows = (
        Declaration.objects.filter(user_id__in=user_ids, category__isnull=False)
        .values("dimension_id", "category_id")
        .annotate(people=Count("user_id", distinct=True))
        .order_by()
    )
    return {(row["dimension_id"], row["category_id"]): row["people"] for row in rows}


class LedgerContributors:
    """The default contribution source: people who contributed to the brief at least
    once (`Action.CONTRIBUTED` in the participation ledger), per declared group.

    Used when no app registered a source for the scope's kind.
    """

    description = _("people who contributed to the brief at least once")

    def __call__(self, scope):
        contributors = (
            Participation.objects.in_scope(scope).with_action(Action.CONTRIBUTED).values("user_id")
        )
        return declared_counts(contributors)


ledger_contributors = LedgerContributors()

_SOURCES = {}


def register_contribution_source(kind, source):
    """Make `source` the contribution source of scopes of `kind` (e.g. "session");
    registering again replaces it (reloads, tests)."""
    if not callable(source):
        raise TypeError(f"A contribution source must be callable, not {source!r}.")
    _SOURCES[str(kind)] = source
    return source


def contribution_source(scope):
    """The source registered for the scope's kind, else `ledger_contributors`."""
    return _SOURCES.get(str(scope.kind), ledger_contributors)
