"""Baseline and offline-participation imports: every problem reported line by line,
nothing imported on any error, the census file normalised."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from engage.communities.importers import import_baseline, import_offline_participation
from engage.communities.models import (
    Area,
    BaselineImport,
    BaselineShare,
    Category,
    Dimension,
    OfflineDeclaration,
    OfflineParticipant,
)
from engage.communities.representation import representation_report
from engage.communities.scopes import Scope
from tests import factories

CENSUS = Path("/work/shared/data/census/census2021-shares.csv")
HEADER = "area_code,area_name,dimension,category,share_pct\n"


@pytest.fixture
def sex(db):
    return factories.dimension_with_groups("Sex", {"female": "Female", "male": "Male"})


def problems(result):
    return [(error.line, error.column) for error in result.errors]


@pytest.mark.django_db
class TestBaselineImport:
    def test_a_good_file_imports_and_normalises(self, sex):
        result = import_baseline(
            (HEADER + "X1,Town,sex,Female,50.4\nX1,Town,sex,Male,49.5\n").encode(), year=2021
        )
        assert result.ok, result.errors
        shares = dict(BaselineShare.objects.values_list("category__slug", "share"))
        assert sum(shares.values()) == Decimal(1)
        assert shares["female"] == Decimal("0.504505")
        record = BaselineImport.objects.get()
        assert record.original_total == Decimal("99.9") and record.normalised
        assert "99.9" in str(result.notes[0])

    def test_counts_become_shares(self, sex):
        result = import_baseline(
            b"area_code,area_name,dimension,category,count\nX1,Town,sex,female,300\n"
            b"X1,Town,sex,male,100\n"
        )
        assert result.ok
        assert BaselineShare.objects.get(category__slug="female").share == Decimal("0.75")
        assert BaselineShare.objects.get(category__slug="female").count == 300

    def test_reimport_replaces_the_dimension(self, sex):
        import_baseline((HEADER + "X1,Town,sex,Female,50\nX1,Town,sex,Male,50\n").encode())
        import_baseline((HEADER + "X1,Town,sex,Female,60\nX1,Town,sex,Male,40\n").encode())
        assert BaselineShare.objects.count() == 2
        assert BaselineShare.objects.get(category__slug="male").share == Decimal("0.4")

    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            ("X1,Town,religion,Christian,50\n", [(2, "dimension")]),
            ("X1,Town,sex,Other,50\n", [(2, "category")]),
            ("X1,Town,sex,Female,50\nX1,Town,sex,Female,50\n", [(3, "category")]),
            ("X1,Town,sex,Female,-5\n", [(2, "share_pct")]),
            ("X1,Town,sex,Female,lots\n", [(2, "share_pct")]),
            ("X1,Town,sex,Female,101\n", [(2, "share_pct")]),
            ("X1,Town,sex,Female,\n", [(2, "share_pct")]),
            (",Town,sex,Female,50\n", [(2, "area_code")]),
            ("X1,Town,sex,Female,0\nX1,Town,sex,Male,0\n", [(2, "share_pct")]),
            ("X1,Town,sex,Male,40\nX1,Town,sex,Female,x\nX1,Town,nope,A,1\n", [(3, "share_pct"), (4, "dimension")]),
        ],
    )  # fmt: skip
    def test_bad_rows_are_reported_by_line_and_nothing_is_imported(self, sex, body, expected):
        result = import_baseline((HEADER + body).encode())
        assert problems(result) == expected
        assert all(str(error.message) for error in result.errors)
        assert not BaselineShare.objects.exists()
        assert not Area.objects.exists()

    def test_missing_columns(self, sex):
        result = import_baseline(b"area_code,dimension,category\nX1,sex,Female\n")
        assert problems(result) == [(1, "area_name"), (1, "share_pct")]

    def test_both_value_columns(self, sex):
        result = import_baseline(
            b"area_code,area_name,dimension,category,count,share_pct\nX1,T,sex,male,1,1\n"
        )
        assert problems(result) == [(1, "count")]

    def test_empty_file(self, db):
        assert problems(import_baseline(b"")) == [(1, "")]

    def test_header_only(self, sex):
        assert problems(import_baseline(HEADER.encode())) == [(1, "")]

    def test_create_missing_creates_dimensions_and_categories(self, db):
        result = import_baseline(
            (HEADER + "X1,Town,faith,Buddhist,1\nX1,Town,faith,None,99\n").encode(),
            create_missing=True,
        )
        assert result.ok
        assert set(Category.objects.values_list("slug", flat=True)) == {"buddhist", "none"}

    def test_the_census_file_imports_with_create_missing_and_normalises(self, db, capsys):
        call_command("import_baseline", str(CENSUS), "--create-missing", "--year", "2021")
        output = capsys.readouterr().out
        assert Area.objects.count() == 4
        assert set(Dimension.objects.values_list("slug", flat=True)) == {
            "ethnic_group_5",
            "religion_10",
            "age_band",
            "sex",
        }
        assert BaselineShare.objects.count() == 96
        for area in Area.objects.all():
            for dimension in Dimension.objects.all():
                shares = BaselineShare.objects.filter(area=area, category__dimension=dimension)
                assert sum(s.share for s in shares) == Decimal(1)
        # Every area and dimension is recorded with its published total.
        assert BaselineImport.objects.count() == 16
        assert set(BaselineImport.objects.values_list("original_total", flat=True)) == {100}
        assert "Imported 96 baseline shares" in output
        # 75+ keeps a readable code
        assert Category.objects.filter(slug="75-plus").exists()

    def test_the_command_fails_with_every_problem_listed(self, sex, tmp_path, capsys):
        path = tmp_path / "bad.csv"
        path.write_text(HEADER + "X1,Town,sex,Female,-1\nX1,Town,sex,Nope,2\n")
        with pytest.raises(CommandError, match="Nothing was imported"):
            call_command("import_baseline", str(path))
        errors = capsys.readouterr().err
        assert "line 2, column share_pct" in errors and "line 3, column category" in errors


@pytest.mark.django_db
class TestOfflineImport:
    @pytest.fixture
    def scope(self, sex):
        return Scope.parse("proposal:5")

    def test_rows_become_anonymous_participants(self, scope):
        result = import_offline_participation(b"sex\nfemale\nMale\n\nprefer not to say\n,\n", scope)
        assert result.ok, result.errors
        assert OfflineParticipant.objects.count() == 4  # the "," row declared nothing
        assert OfflineDeclaration.objects.count() == 3
        assert OfflineDeclaration.objects.filter(category__isnull=True).count() == 1

    def test_unknown_column_and_category_nothing_imported(self, scope):
        result = import_offline_participation(b"sex,shoe_size\nfemale,9\nnope,10\n", scope)
        assert problems(result) == [(1, "shoe_size"), (3, "sex")]
        assert not OfflineParticipant.objects.exists()

    def test_empty_file(self, scope):
        assert problems(import_offline_participation(b"", scope)) == [(1, "")]

    def test_scope_must_be_a_place_people_take_part_in(self, sex):
        result = import_offline_participation(b"sex\nfemale\n", Scope.parse("city"))
        assert not result.ok

    def test_the_command_adds_them_to_the_report(self, scope, tmp_path):
        area = factories.AreaFactory(code="X1", name="Town")
        for category in Category.objects.all():
            factories.BaselineShareFactory(area=area, category=category, share="0.5")
        path = tmp_path / "workshop.csv"
        path.write_text("sex\nfemale\nfemale\nmale\n")
        call_command("import_offline_participation", str(path), "--scope", "proposal:5")
        report = representation_report("proposal:5", use_cache=False)
        assert report.participants == 3
        assert report.dimensions[0].declared == 3

    def test_the_command_rejects_a_bad_scope(self, sex, tmp_path):
        path = tmp_path / "workshop.csv"
        path.write_text("sex\nfemale\n")
        with pytest.raises(CommandError):
            call_command("import_offline_participation", str(path), "--scope", "nowhere")


@pytest.mark.django_db
def test_census_shares_without_the_derived_rows_are_normalised_and_say_so(tmp_path, capsys):
    """Without the derived "Other" rows the published percentages sum to less than 100."""
    lines = CENSUS.read_text().splitlines()
    kept = [line for line in lines if ",yes (" not in line]
    path = tmp_path / "published-only.csv"
    path.write_text("\n".join(kept) + "\n")
    call_command("import_baseline", str(path), "--create-missing")
    output = capsys.readouterr().out
    record = BaselineImport.objects.get(area__code="E06000023", dimension__slug="religion_10")
    assert record.normalised and record.original_total == Decimal("99.4")
    assert "Bristol (E06000023), religion_10: the shares summed to 99.4 %" in output
    shares = BaselineShare.objects.filter(
        area__code="E06000023", category__dimension__slug="religion_10"
    )
    assert sum(share.share for share in shares) == Decimal(1)


# Files the csv module cannot or should not read: each is one clear, line-numbered
# problem from both commands and nothing is imported (issue 11, item 5).
ODD_FILES = {
    "utf-16": (
        ("\ufeff" + HEADER + "X1,Town,sex,female,100\n").encode("utf-16-le"),
        "sex\nfemale\n".encode("utf-16"),
        "line 1: The file “odd.csv” is saved as UTF-16 text, not UTF-8",
        "line 1: The file “odd.csv” is saved as UTF-16 text, not UTF-8",
    ),
    "huge-cell": (
        (HEADER + "X1," + "T" * 140_000 + ",sex,female,100\n").encode(),
        ("sex\n" + "f" * 140_000 + "\n").encode(),
        "line 2: A cell is longer than 131,072 characters",
        "line 2: A cell is longer than 131,072 characters",
    ),
    "unclosed-quote": (
        (HEADER + 'X1,"Town,sex,female,50\nX1,Town,sex,male,50\n').encode(),
        b'sex\nfemale\n"male\nfemale\n',
        'line 2: A quote (") opened on this line is never closed',
        'line 3: A quote (") opened on this line is never closed',
    ),
    "duplicated-header": (
        b"area_code,area_name,dimension,category,count,count\nX1,Town,sex,female,1,2\n",
        b"sex,sex\nfemale,male\n",
        "line 1, column count: The column “count” is named twice (columns 5 and 6)",
        "line 1, column sex: The column “sex” is named twice (columns 1 and 2)",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ODD_FILES)
def test_odd_files_are_a_clear_error_from_both_commands(kind, sex, tmp_path, capsys):
    baseline, offline, message, offline_message = ODD_FILES[kind]
    path = tmp_path / "odd.csv"
    path.write_bytes(baseline)
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_baseline", str(path))
    assert f"odd.csv: {message}" in capsys.readouterr().err
    path.write_bytes(offline)
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_offline_participation", str(path), "--scope", "proposal:5")
    assert f"odd.csv: {offline_message}" in capsys.readouterr().err
    assert not BaselineShare.objects.exists() and not Area.objects.exists()
    assert not OfflineParticipant.objects.exists()


def test_a_row_with_more_cells_than_the_header_is_an_error(sex):
    result = import_baseline(HEADER.encode() + b"X1,Town, Centre,sex,female,100\n")
    assert problems(result) == [(2, "")]
    assert "has 6 cells but the header names 5 columns" in str(result.errors[0])
    assert not BaselineShare.objects.exists()


def test_an_unknown_scope_names_the_scope_in_the_error(sex):
    """The placeholder is filled: "There is no proposal 999999", not "%(scope)s"."""
    result = import_offline_participation(b"sex\nfemale\n", Scope.parse("consultation:999999"))
    message = str(result.errors[0])
    assert "%(" not in message and "999999" in message


def test_the_command_names_an_unknown_scope(sex, tmp_path, capsys):
    path = tmp_path / "workshop.csv"
    path.write_text("sex\nfemale\n")
    with pytest.raises(CommandError):
        call_command("import_offline_participation", str(path), "--scope", "consultation:999999")
    errors = capsys.readouterr().err
    assert "999999" in errors and "%(" not in errors
