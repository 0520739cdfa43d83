"""`representation_report` prints only the suppressed report, as JSON or CSV."""

import json

import pytest
from django.core.management import CommandError, call_command

SCOPE = "proposal:9"


@pytest.fixture
def scenario(city):
    city.dimension("sex", {"female": 0.5, "male": 0.5})
    city.people(SCOPE, "sex", {"female": 40, "male": 3}, undeclared=20)
    return city


@pytest.mark.django_db
class TestRepresentationReportCommand:
    def test_json_is_suppressed(self, scenario, capsys):
        call_command("representation_report", "--scope", SCOPE, "--format", "json")
        report = json.loads(capsys.readouterr().out)
        rows = {row["category"]: row for row in report["dimensions"][0]["rows"]}
        assert rows["male"]["participants"] == {"count": None, "label": "fewer than 10"}
        assert rows["male"]["share"] is None
        assert rows["female"]["participants"]["count"] is None  # secondary suppression
        assert report["participants"]["count"] == 63

    def test_csv(self, scenario, capsys):
        call_command("representation_report", "--scope", SCOPE, "--format", "csv")
        output = capsys.readouterr().out
        assert output.splitlines()[0].startswith("dimension,category,participants")
        assert "fewer than 10" in output
        assert ",3," not in output

    def test_dimension_and_baseline_options(self, scenario, capsys):
        call_command(
            "representation_report", "--scope", SCOPE, "--dimension", "sex", "--baseline", "CITY1"
        )
        assert json.loads(capsys.readouterr().out)["baseline"]["area_code"] == "CITY1"

    @pytest.mark.parametrize(
        "arguments",
        [
            ["--scope", "nowhere"],
            ["--scope", "consultation:424242"],
            ["--scope", SCOPE, "--baseline", "NOPE"],
            ["--scope", SCOPE, "--dimension", "shoe_size"],
        ],
    )
    def test_bad_scope_or_area_fails_clearly(self, scenario, arguments):
        with pytest.raises(CommandError):
            call_command("representation_report", *arguments)
