"""The management commands README.md shows work as written, on the real census data.

The commands are read from README.md's ```sh blocks (every `manage.py` line), so the
test fails when the README and the code drift apart. They run after `seed_demo`, as
after `make demo`, from the project folder, where `../shared/data/…` is the planning
repository's data (a fresh clone beside it, or the CI clone with ../shared linked).
"""

import csv
import io
import json
import re
import shlex
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.demo_city import seed_demo_city

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
MANAGE_LINE = re.compile(r"^(?:\.venv/bin/)?python3? manage\.py (?P<args>.+?)\s*(?:#.*)?$")


def readme_commands():
    """[[command, arg, …]] of every `manage.py` line in README.md's sh blocks, in order."""
    commands = []
    for block in SH_BLOCK.findall(README.read_text(encoding="utf-8")):
        for line in block.splitlines():
            match = MANAGE_LINE.match(line.strip())
            if match:
                commands.append(shlex.split(match["args"]))
    return commands


def census_file(commands):
    """The census CSV the README's import_baseline line names (relative to ROOT)."""
    for args in commands:
        if args[0] == "import_baseline":
            return [arg for arg in args[1:] if not arg.startswith("--")][-1]
    return None


def test_readme_shows_the_census_import_and_the_city_report():
    names = [args[0] for args in readme_commands()]

    assert "import_baseline" in names
    assert "representation_report" in names
    assert names.index("import_baseline") < names.index("representation_report")


@pytest.mark.django_db(transaction=False)
def test_readme_census_commands_work_as_written_after_the_demo(monkeypatch, demo_snapshot):
    commands = readme_commands()
    relative = census_file(commands)
    if relative is None or not (ROOT / relative).exists():
        pytest.skip(f"{relative} is not beside the project (../shared is the planning repository)")
    with (ROOT / relative).open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    file_areas = {row["area_code"] for row in rows}
    seed_demo_city(demo_snapshot)
    from engage.communities.models import Area

    new_areas = file_areas - set(Area.objects.values_list("code", flat=True))
    monkeypatch.chdir(ROOT)

    outputs = []
    for args in commands:
        out = io.StringIO()
        call_command(*args, stdout=out, stderr=io.StringIO())
        outputs.append((args, out.getvalue()))

    for args, output in outputs:
        if args[0] == "import_baseline":
            assert f"Imported {len(rows)} baseline shares ({len(new_areas)} new areas" in output
        if args[0] == "representation_report" and "--format" in args:
            report = json.loads(output)
            # The demo city: the top-level area with wards; the imported ones have none.
            city = Area.objects.filter(parent__isnull=True, children__isnull=False).distinct().get()
            assert report["scope"] == "city"
            assert report["baseline"]["area_code"] == city.code
            assert report["dimensions"], "the city report has no dimensions"
    with_baseline = Area.objects.filter(code__in=file_areas, baseline_shares__isnull=False)
    assert with_baseline.distinct().count() == len(file_areas)
