"""The matrix as an accessible SVG heat map: one labelled rectangle per cell (its
<title> gives the policy area, the group and the score or "missing"), five shades
plus a hatch for missing cells, and the same numbers in the table below it."""

import math
from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _

# Sequential shades, light to dark (contrast against the labels checked by hand: the
# darkest two carry white text).
SHADES = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704")
LIGHT_TEXT = {3, 4}
BIN_TOP = (20, 40, 60, 80)  # scores below each bound fall in that bin; above: the last
CELL = 34
ROW_HEAD = 180
COL_HEAD = 120  # at least; taller when the column names need it
# Column names are drawn at 11 px, turned 60 degrees; an average character is about
# 6.5 px wide there (Latin and Arabic script alike). Longer names are shortened with an
# ellipsis, and the whole name is the text's <title>.
LABEL_CHARS = 32
CHAR_WIDTH = 6.5
LABEL_ANGLE = math.radians(60)


def label_extent(name):
    """(height, width) that a column name takes once turned: how far it rises above
    the cells and how far it reaches past its column."""
    length = len(name) * CHAR_WIDTH
    return math.ceil(length * math.sin(LABEL_ANGLE)), math.ceil(length * math.cos(LABEL_ANGLE))


def bin_of(score):
    if score is None:
        return None
    for index, top in enumerate(BIN_TOP):
        if score < top:
            return index
    return len(BIN_TOP)


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    fill: str
    text_fill: str
    label: str
    title: str


def legend():
    """`[(shade, label)]` of the bins, then the missing swatch."""
    bounds = (0, *BIN_TOP)
    items = []
    for index, shade in enumerate(SHADES):
        if index < len(BIN_TOP):
            text = _("%(low)s to under %(high)s") % {"low": bounds[index], "high": BIN_TOP[index]}
        else:
            text = _("%(low)s or more") % {"low": BIN_TOP[-1]}
        items.append((shade, text))
    return items


def drawing(matrix):
    """What the template draws: width, height, column heads, row heads and cells. The
    heads are as tall as the longest (shortened) column name needs."""
    columns, reach, col_head = [], 0, COL_HEAD
    for index, group in enumerate(matrix.groups):
        label = Truncator(group.name).chars(LABEL_CHARS)
        height, width = label_extent(label)
        x = ROW_HEAD + index * CELL + CELL // 2
        columns.append({"x": x, "name": group.name, "label": label})
        col_head = max(col_head, height + 12)
        reach = max(reach, x + width + 4)
    rects = []
    rows = matrix.rows()
    for row_index, (area, cells) in enumerate(rows):
        for col_index, cell in enumerate(cells):
            index = bin_of(cell.score)
            score = _("missing") if cell.score is None else f"{cell.score:.0f}"
            rects.append(
                Rect(
                    x=ROW_HEAD + col_index * CELL,
                    y=col_head + row_index * CELL,
                    fill="url(#matrix-missing)" if index is None else SHADES[index],
                    text_fill="#ffffff" if index in LIGHT_TEXT else "#000000",
                    label="–" if cell.score is None else score,
                    title=_("%(area)s × %(group)s: %(score)s")
                    % {"area": area.name, "group": cell.group.name, "score": score},
                )
            )
    return {
        "width": max(ROW_HEAD + CELL * len(matrix.groups) + 4, reach),
        "height": col_head + CELL * len(rows) + 4,
        "cell": CELL,
        "half": CELL // 2,
        "columns": columns,
        "col_head": col_head - 6,
        "rows": [
            {"y": col_head + index * CELL + CELL // 2, "name": area.name}
            for index, (area, _cells) in enumerate(rows)
        ],
        "row_head": ROW_HEAD - 6,
        "rects": rects,
    }
