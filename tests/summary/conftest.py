from tests.exports.conftest import _isolated, heard, staff  # noqa: F401  (shared fixtures)
