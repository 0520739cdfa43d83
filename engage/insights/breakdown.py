"""Text signals by community group: the only place sentiment meets "about me" data.

`group_breakdown(scope, dimension_slug, since, until)` splits the visible texts of a scope
by the community group (category) their author declared in one dimension, counting only
declarations of people whose consent is active now (`DeclarationConsent.active()`; the
declarations themselves are deleted at withdrawal, so a withdrawal drops the person at
once). Texts of authors without such a declaration, and of deleted accounts, form the
group "not_declared"; "prefer_not_to_say" is a declaration without a category.

One SQL `GROUP BY` over `TextAnalysis` with two subqueries into the declarations gives
each group the same aggregates as `aggregates.summarise`. Then, as in the representation
reports, a group written by fewer than SMALL_CELL_THRESHOLD people is suppressed (every
figure null, `"suppressed": true`), and `engage.communities.suppression.suppress` adds
complementary suppression so that no suppressed group can be worked out from the total
(published in the same report) minus the other groups. The cache of these reports also
carries the representation reports' declarations version (`report_cache`), bumped on
every declaration or consent change.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from engage.communities import report_cache
from engage.communities.models import Declaration, DeclarationConsent, Dimension
from engage.communities.suppression import VISIBLE, suppress

from . import aggregates

NOT_DECLARED = "not_declared"
PREFER_NOT_TO_SAY = "prefer_not_to_say"
TOTAL = "total"


def declarations_version():
    """The representation reports' declarations version (bumped on consent changes)."""
    return report_cache.version(TOTAL)[1]


def dimension_for(slug):
    """The Dimension with `slug`; ValidationError when there is none."""
    dimension = Dimension.objects.filter(slug=(slug or "").strip()).first()
    if dimension is None:
        raise ValidationError(
            _("There is no dimension “%(slug)s”."), code="unknown_dimension", params={"slug": slug}
        )
    return dimension


def _consented(dimension):
    """The consented declarations in `dimension` of a row's author."""
    return Declaration.objects.filter(
        user_id=OuterRef("author_id"),
        dimension=dimension,
        user_id__in=DeclarationConsent.objects.active().values("user_id"),
    )


def grouped_aggregates(scope, dimension, since=None, until=None):
    """{group key: SQL aggregates plus `people`}: one GROUP BY over the scope's rows."""
    declared = _consented(dimension)
    rows = (
        aggregates.rows_for(scope, since=since, until=until)
        .annotate(
            declared=Exists(declared),
            group=Subquery(declared.values("category_id")[:1]),
        )
        .values("declared", "group")
        .annotate(people=Count("author_id", distinct=True), **aggregates._aggregates())
        .order_by()
    )
    result = {}
    for row in rows:
        if not row["declared"]:
            key = NOT_DECLARED
        elif row["group"] is None:
            key = PREFER_NOT_TO_SAY
        else:
            key = row["group"]
        result[key] = row
    return result


def _empty():
    return dict.fromkeys(["people", *aggregates._aggregates()], 0)


def _suppressed_cell():
    return {
        "suppressed": True,
        "volume": None,
        "analysed": None,
        "share_analysed": None,
        "scored": None,
        "share_not_scored": None,
        "mean_sentiment": None,
        "ci95": None,
        "share_negative": None,
        "share_strongly_negative": None,
        "share_strongly_positive": None,
        "polarisation": None,
        "abuse": None,
    }


SENTIMENT_FIGURES = (
    "mean_sentiment",
    "ci95",
    "share_negative",
    "share_strongly_negative",
    "share_strongly_positive",
    "polarisation",
)


def _complement_sentiment(cells, found, groups):
    """A group shown with its sentiment withheld (too few scored texts) must not be the
    only group whose scores are hidden, or the total's mean minus the others gives it:
    then the sentiment of the shown group with the fewest scored texts is withheld too."""
    scored = {slug: found.get(key, {}).get("scored", 0) for key, slug, _name in groups}
    hidden = [c for c in cells if c["suppressed"] and scored[c["group"]] > 0]
    if len(hidden) != 1:
        return
    shown = [c for c in cells if not c["suppressed"] and scored[c["group"]] > 0]
    if shown:
        smallest = min(shown, key=lambda cell: scored[cell["group"]])
        smallest["suppressed"] = True
        smallest.update(dict.fromkeys(SENTIMENT_FIGURES))


def group_breakdown(scope, dimension, since=None, until=None, threshold=None):
    """The figures of each community group of `dimension` (a Dimension) in `scope`."""
    threshold = settings.SMALL_CELL_THRESHOLD if threshold is None else threshold
    found = grouped_aggregates(scope, dimension, since, until)
    categories = list(dimension.categories.order_by("sort_order", "name"))
    groups = [(category.pk, category.slug, str(category.name)) for category in categories] + [
        (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY, str(_("Prefer not to say"))),
        (NOT_DECLARED, NOT_DECLARED, str(_("Not declared"))),
    ]
    people = {str(key): found.get(key, _empty())["people"] for key, _slug, _name in groups}
    # Primary suppression on the people writing in each group; complementary suppression
    # against the total, which the same report publishes (through its volume and means).
    # A group nobody wrote in is shown as empty (a zero names nobody), so it can never
    # be the only complement of a small group.
    counts = {**people, TOTAL: sum(people.values())}
    states = suppress(
        counts,
        relations=[(TOTAL, list(people))],
        limit=threshold,
        protected=(TOTAL,),
        public=[name for name, value in people.items() if value == 0],
    )
    cells = []
    for key, slug, name in groups:
        cell = {"group": slug, "name": name}
        if states[str(key)] == VISIBLE:
            summary = aggregates.summarise(found.get(key, _empty()), threshold)
            cell.update(summary)
        else:
            cell.update(_suppressed_cell())
        cells.append(cell)
    _complement_sentiment(cells, found, groups)
    return {
        "slug": dimension.slug,
        "name": str(dimension.name),
        "total_suppressed": states[TOTAL] != VISIBLE,
        "groups": cells,
    }
