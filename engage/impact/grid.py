"""Reading an assessment's grid with what sits beside it: the subject's perceived
impact, the representation flags and the displacement warnings."""

from dataclasses import dataclass

from engage.communities.representation import representation_report

from .displacement import Row, displacement_warnings
from .subjects import resolve_subject


@dataclass
class GridRow:
    row: object  # ExpectedImpact
    perceived_self: object = None  # QuestionResult or None
    perceived_others: object = None
    representation: str = ""


def representation_flags(scope):
    """{category_id: flag} of the subject's representation report; {} when there is
    no report (standalone assessment, no baseline)."""
    if not scope:
        return {}
    try:
        report = representation_report(scope)
    except Exception:  # noqa: BLE001 - no baseline or scope: no flags, not an error page
        return {}
    return {row.category_id: row.flag for d in report.dimensions for row in d.rows}


def perceived_cells(subject, dimensions):
    cells = {}
    if subject is None:
        return cells
    for dimension in dimensions:
        cells.update(subject.perceived_impact(dimension) or {})
    return cells


def _mean(result):
    return getattr(result, "mean", None) if result is not None else None


def grid(assessment):
    """(grid rows, warnings, subject) for the editor and the leaders' review page."""
    rows = list(assessment.rows.select_related("category__dimension"))
    subject = resolve_subject(assessment.subject_scope)
    cells = perceived_cells(subject, list(assessment.dimensions.all()))
    flags = representation_flags(assessment.subject_scope)
    grid_rows = []
    for row in rows:
        cell = cells.get(row.category_id)
        grid_rows.append(
            GridRow(
                row=row,
                perceived_self=getattr(cell, "self_", None),
                perceived_others=getattr(cell, "others", None),
                representation=flags.get(row.category_id, ""),
            )
        )
    warnings = displacement_warnings(
        [
            Row(
                category_id=row.category_id,
                name=row.category.name,
                dimension=row.category.dimension.name,
                impact=row.impact,
                directly_affected=row.directly_affected,
                wider_audience=row.wider_audience,
            )
            for row in rows
        ],
        perceived={g.row.category_id: _mean(g.perceived_self) for g in grid_rows},
        representation=flags,
    )
    return grid_rows, warnings, subject
