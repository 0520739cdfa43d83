"""`manage.py select_panel`: ids or id,probability on stdout, the seed on stderr, and
bad files or impossible quotas refused with the explanation."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

POOL = "id,age,area\n" + "".join(
    f"p{n:02d},16-64,{'north' if n <= 7 else 'south'}\n" for n in range(1, 11)
)
POOL += "rare,75+,east\n"
QUOTAS = (
    "feature,value,min,max\n"
    "age,16-64,1,4\nage,75+,0,3\narea,north,2,4\narea,south,1,1\narea,east,0,1\n"
)


@pytest.fixture
def files(tmp_path):
    def write(pool=POOL, quotas=QUOTAS):
        (tmp_path / "pool.csv").write_text(pool, encoding="utf-8")
        (tmp_path / "quotas.csv").write_text(quotas, encoding="utf-8")
        return str(tmp_path / "pool.csv"), str(tmp_path / "quotas.csv")

    return write


def run(pool, quotas, *extra, size="4"):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "select_panel", "--pool", pool, "--quotas", quotas, "--size", size, *extra,
        stdout=out, stderr=err,
    )  # fmt: skip
    return out.getvalue(), err.getvalue()


def test_prints_the_selected_ids_one_per_line(files):
    out, err = run(*files(), "--seed", "9")
    ids = out.splitlines()
    assert len(ids) == 4
    assert set(ids) <= {f"p{n:02d}" for n in range(1, 11)} | {"rare"}
    assert "Seed: 9" in err
    assert run(*files(), "--seed", "9")[0] == out


def test_probabilities_are_a_csv_for_every_volunteer(files):
    out, _err = run(*files(), "--probabilities", "--seed", "9")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["id"] for row in rows] == [f"p{n:02d}" for n in range(1, 11)] + ["rare"]
    probabilities = [float(row["probability"]) for row in rows]
    assert all(0 <= p <= 1 for p in probabilities)
    assert sum(probabilities) == pytest.approx(4, abs=1e-4)
    assert float(rows[-1]["probability"]) >= 0.9 * 4 / 11  # the rare volunteer: a fair share


def test_legacy_probabilities_are_marked_as_estimated(files):
    out, err = run(*files(), "--probabilities", "--algorithm", "legacy", "--seed", "4")
    assert out.startswith("id,probability\n")
    assert "estimated from 200 repeated draws" in err


@pytest.mark.parametrize(
    ("pool", "quotas", "expected"),
    [
        ("name,age\nA,16-64\n", QUOTAS, "needs an id column"),
        (POOL, "feature,value,min\nage,16-64,1\n", "missing the column(s) max"),
        (POOL, QUOTAS.replace("age,75+,0,3", "age,75+,none,3"), "must be whole numbers"),
        (POOL, QUOTAS.replace("age,75+,0,3", "age,75+,3,0"), "min 3 is more than max 0"),
        (POOL, QUOTAS + "sex,f,0,2\n", "feature sex, but the pool has no such column"),
        (POOL, QUOTAS + "age,90+,0,2\n", "value 90+: no volunteer in the pool has this value"),
        (POOL + "p01,16-64,north\n", QUOTAS, "The id p01 appears more than once"),
        ("id,age,area\n", QUOTAS, "The pool is empty"),
        (
            POOL,
            QUOTAS.replace("age,75+,0,3", "age,75+,2,3"),
            "Feature age, value 75+: min 2 but only 1 volunteer has it",
        ),
    ],
)
def test_bad_files_and_impossible_quotas_are_explained(files, pool, quotas, expected):
    with pytest.raises(CommandError) as caught:
        run(*files(pool, quotas))
    assert expected in str(caught.value)


def test_missing_file_is_reported(files, tmp_path):
    _pool, quotas = files()
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "nope.csv"), quotas)


def test_exit_status_stderr_and_reproducibility_in_fresh_processes(files):
    """Run as staff would: the explanation on stderr with a non-zero status, and the
    same seed giving the same panel in processes with different string hashing."""
    pool, quotas = files()
    base = Path(settings.BASE_DIR)
    command = [sys.executable, str(base / "manage.py"), "select_panel", "--pool", pool]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "engage.settings.test"}

    outputs = []
    for hash_seed in ("1", "2"):
        done = subprocess.run(  # noqa: S603 -- our own manage.py
            [*command, "--quotas", quotas, "--size", "4", "--seed", "2024"],
            capture_output=True, text=True, cwd=base, env={**env, "PYTHONHASHSEED": hash_seed},
            check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 4  # nothing but ids on stdout

    bad = Path(quotas).read_text().replace("age,75+,0,3", "age,75+,2,3")
    Path(quotas).write_text(bad)
    failed = subprocess.run(  # noqa: S603 -- our own manage.py
        [*command, "--quotas", quotas, "--size", "4"],
        capture_output=True, text=True, cwd=base, env=env, check=False,
    )  # fmt: skip
    assert failed.returncode != 0
    assert "value 75+: min 2 but only 1 volunteer has it" in failed.stderr
    assert failed.stdout == ""


@pytest.mark.parametrize(
    "command",
    ["select_panel", "import_baseline", "import_offline_participation", "representation_report"],
)
def test_command_help_prints(command, capsys):
    from django.core.management import get_commands, load_command_class

    parser = load_command_class(get_commands()[command], command).create_parser(
        "manage.py", command
    )
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(["--help"])
    assert exit_info.value.code == 0
    assert "usage:" in capsys.readouterr().out
