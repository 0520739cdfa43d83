"""Fixtures for the PDF tests: the scenarios of the export tests ("what we heard") and
of the representation report tests, reused as they are."""

from tests.communities_admin.conftest import city, report_setup  # noqa: F401
from tests.exports.conftest import _isolated, heard  # noqa: F401
