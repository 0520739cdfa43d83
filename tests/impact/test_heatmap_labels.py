"""The heat map's column names fit above the cells: long names are shortened with an
ellipsis (the whole name is the text's title) and the heads grow to the longest one."""

from types import SimpleNamespace

from engage.impact.matrix import heatmap

LONG = "Black, Black British, Black Welsh, Caribbean or African"


def matrix_of(names, areas=("Community safety",)):
    groups = [SimpleNamespace(name=name) for name in names]
    cells = [SimpleNamespace(score=None, group=group) for group in groups]
    rows = [(SimpleNamespace(name=area), cells) for area in areas]
    return SimpleNamespace(groups=groups, rows=lambda: rows)


def test_short_names_keep_the_standard_heads():
    drawing = heatmap.drawing(matrix_of(["0-14", "15-24"]))
    assert drawing["col_head"] == heatmap.COL_HEAD - 6
    assert drawing["rects"][0].y == heatmap.COL_HEAD
    assert [column["label"] for column in drawing["columns"]] == ["0-14", "15-24"]


def test_long_name_is_shortened_and_the_heads_make_room_for_it():
    drawing = heatmap.drawing(matrix_of(["White", LONG]))
    column = drawing["columns"][1]
    assert column["name"] == LONG
    assert column["label"].endswith("…")
    assert len(column["label"]) == heatmap.LABEL_CHARS
    height, width = heatmap.label_extent(column["label"])
    # The turned label rises above the first row of cells and ends inside the drawing.
    assert drawing["col_head"] >= height
    assert drawing["rects"][0].y == drawing["col_head"] + 6
    assert drawing["rows"][0]["y"] == drawing["rects"][0].y + heatmap.CELL // 2
    assert column["x"] + width <= drawing["width"]
    assert drawing["height"] == drawing["rects"][0].y + heatmap.CELL + 4
