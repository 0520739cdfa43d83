"""The panel files go through the same CSV reading as the imports: odd files are a
clear error naming the file and line, never a traceback (issue 11, item 5)."""

import pytest
from django.core.management import CommandError, call_command

from engage.communities import panels
from engage.communities.csvfiles import CSVFileError, read_csv_table


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        ("id,age\n1,young\n".encode("utf-16"), "not_utf8", 1),
        ("id,age\n1,young\n".encode("utf-32"), "not_utf8", 1),
        (b"id,age\n1,young\n2,\xe9\n", "not_utf8", 3),
        (b"id,age\n1," + b"y" * 140_000 + b"\n", "cell_too_long", 2),
        (b'id,age\n1,young\n2,"old\n3,young\n', "unclosed_quote", 3),
        (b'id,age\n1,"young"ish\n', "bad_quote", 2),
        (b"id,age,age\n1,young,old\n", "duplicate_column", 1),
        (b"id,age\n1,young,old\n", "extra_cells", 2),
    ],
    ids=["utf-16", "utf-32", "latin-1", "huge", "unclosed", "after-quote", "dup", "extra"],
)
def test_the_shared_reader_names_the_problem_and_line(data, code, line):
    with pytest.raises(CSVFileError) as raised:
        read_csv_table(data)
    assert (raised.value.code, raised.value.line) == (code, line)


def test_a_quoted_cell_with_a_newline_and_a_comma_is_read():
    table = read_csv_table(b'\xef\xbb\xbfid,Note\n1,"a, b\nc"\n\n2,d\n', lower=False)
    assert table.header == ["id", "Note"]
    assert table.rows == [(2, ["1", "a, b\nc"]), (5, ["2", "d"])]


def test_a_utf16_pool_is_a_panel_input_error():
    with pytest.raises(panels.PanelInputError) as raised:
        panels.read_pool_csv("id,age\n1,young\n".encode("utf-16"))
    assert "The pool file, line 1:" in raised.value.messages[0]
    assert "UTF-16" in raised.value.messages[0]


def test_select_panel_reports_an_unclosed_quote(tmp_path):
    pool = tmp_path / "pool.csv"
    pool.write_bytes(b'id,age\n1,"young\n2,old\n')
    quotas = tmp_path / "quotas.csv"
    quotas.write_text("feature,value,min,max\nage,young,0,1\n")
    with pytest.raises(CommandError, match=r"The pool file, line 2: A quote"):
        call_command("select_panel", "--pool", str(pool), "--quotas", str(quotas), "--size", "1")
