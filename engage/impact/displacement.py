"""Displacement warnings: does the policy move polarisation rather than address it?

Pure functions over the grid, the perceived impact and the representation flags; no
database access, so they are tested on hand-built grids. Each warning carries a plain,
translated sentence naming the groups concerned.

The four checks (issue #16):
- MIXED: within one dimension, positive for some groups and negative for others;
- NOT_DIRECTLY_AFFECTED: negative for a group the consultation does not mark as
  directly affected (the burden lands on people it is not about);
- PERCEPTION_GAP: the residents of a group perceive the opposite of what staff expect
  (expected positive and perceived negative, or the reverse), counting only published
  perceived means at least `PERCEPTION_THRESHOLD` away from zero;
- UNKNOWN_UNDER_REPRESENTED: nobody knows the impact on a group that is
  under-represented (or absent) among the consultation's participants.
"""

from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MIXED = "mixed"
NOT_DIRECTLY_AFFECTED = "not_directly_affected"
PERCEPTION_GAP = "perception_gap"
UNKNOWN_UNDER_REPRESENTED = "unknown_under_represented"

# A perceived mean closer to zero than this is not read as positive or negative.
PERCEPTION_THRESHOLD = 0.5
UNDER_FLAGS = frozenset({"under", "absent"})

TITLES = {
    MIXED: _("Winners and losers"),
    NOT_DIRECTLY_AFFECTED: _("Harm to groups not directly affected"),
    PERCEPTION_GAP: _("Residents see it differently"),
    UNKNOWN_UNDER_REPRESENTED: _("Unknown impact on an under-represented group"),
}


@dataclass(frozen=True)
class Row:
    """One grid row as the checks need it (see `rows_from_grid`)."""

    category_id: int
    name: str
    dimension: str
    impact: int | None
    directly_affected: bool = False
    wider_audience: bool = False


@dataclass(frozen=True)
class Warning:
    kind: str
    message: str
    category_ids: tuple = field(default_factory=tuple)

    @property
    def title(self):
        return TITLES[self.kind]


def _names(rows):
    return ", ".join(row.name for row in rows)


def mixed_impacts(rows):
    """Per dimension, one warning when some groups gain and others lose."""
    warnings = []
    dimensions = list(dict.fromkeys(row.dimension for row in rows))
    for dimension in dimensions:
        in_dimension = [row for row in rows if row.dimension == dimension]
        gains = [row for row in in_dimension if row.impact is not None and row.impact > 0]
        losses = [row for row in in_dimension if row.impact is not None and row.impact < 0]
        if gains and losses:
            message = format_lazy(
                _(
                    "By {dimension}, this is expected to help {gains} but to harm "
                    "{losses}. A policy that benefits some groups at the expense of "
                    "others can shift tension between them rather than reduce it."
                ),
                dimension=dimension,
                gains=_names(gains),
                losses=_names(losses),
            )
            ids = tuple(row.category_id for row in gains + losses)
            warnings.append(Warning(MIXED, str(message), ids))
    return warnings


def harm_to_groups_not_directly_affected(rows):
    """One warning listing every group with a negative impact that is not marked as
    directly affected (wider-audience groups included)."""
    harmed = [
        row
        for row in rows
        if row.impact is not None and row.impact < 0 and not row.directly_affected
    ]
    if not harmed:
        return []
    message = format_lazy(
        ngettext_lazy(
            "{groups} is not directly affected by this consultation, yet the impact "
            "on it is expected to be negative: the cost may be moved onto people who "
            "are not being asked.",
            "{groups} are not directly affected by this consultation, yet the impact "
            "on them is expected to be negative: the cost may be moved onto people "
            "who are not being asked.",
            len(harmed),
        ),
        groups=_names(harmed),
    )
    return [Warning(NOT_DIRECTLY_AFFECTED, str(message), tuple(r.category_id for r in harmed))]


def perception_gaps(rows, perceived, threshold=PERCEPTION_THRESHOLD):
    """One warning per group whose published perceived mean (-2…+2, None when
    suppressed or not asked) has the opposite sign to the expected impact."""
    warnings = []
    for row in rows:
        mean = perceived.get(row.category_id)
        if row.impact is None or row.impact == 0 or mean is None or abs(mean) < threshold:
            continue
        if row.impact > 0 and mean < 0:
            text = _(
                "Staff expect {group} to gain (expected {expected:+d}), but residents "
                "in this group who answered expect to lose (average {perceived:+.1f}). "
                "Check the assumption with them before going ahead."
            )
        elif row.impact < 0 and mean > 0:
            text = _(
                "Staff expect {group} to lose (expected {expected:+d}), but residents "
                "in this group who answered expect to gain (average {perceived:+.1f}). "
                "Check what they know that the assessment does not."
            )
        else:
            continue
        message = format_lazy(text, group=row.name, expected=row.impact, perceived=mean)
        warnings.append(Warning(PERCEPTION_GAP, str(message), (row.category_id,)))
    return warnings


def unknown_and_under_represented(rows, representation):
    """One warning listing groups whose impact is unknown and whose representation
    flag (category_id -> "under", "absent", …) says they are missing from the room."""
    missing = [
        row
        for row in rows
        if row.impact is None and representation.get(row.category_id) in UNDER_FLAGS
    ]
    if not missing:
        return []
    message = format_lazy(
        ngettext_lazy(
            "Nobody has assessed the impact on {groups}, and this group is "
            "under-represented among the people who took part: the gap may hide a "
            "harm nobody has spoken for.",
            "Nobody has assessed the impact on {groups}, and these groups are "
            "under-represented among the people who took part: the gap may hide a "
            "harm nobody has spoken for.",
            len(missing),
        ),
        groups=_names(missing),
    )
    return [Warning(UNKNOWN_UNDER_REPRESENTED, str(message), tuple(r.category_id for r in missing))]


def displacement_warnings(rows, perceived=None, representation=None):
    """Every warning for a grid, in the order of the checks above.

    `rows`: `Row`s; `perceived`: {category_id: mean perceived impact on "people like
    you" or None}; `representation`: {category_id: flag}.
    """
    return [
        *mixed_impacts(rows),
        *harm_to_groups_not_directly_affected(rows),
        *perception_gaps(rows, perceived or {}),
        *unknown_and_under_represented(rows, representation or {}),
    ]
