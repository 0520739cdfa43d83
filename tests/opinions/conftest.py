import io
from pathlib import Path

import pytest
from django.core.management import call_command

POLIS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polis"
CONVERSATIONS = ["brexit-consensus", "london.youth.policing"]


def run(*args):
    """Run a command; (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def polis_dir():
    if not POLIS.is_dir():
        pytest.fail(f"The shared Pol.is data is missing at {POLIS}")
    return POLIS
