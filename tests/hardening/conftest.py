"""Fixtures shared with the forum tests (a published forum, people in every role)."""

from tests.briefs.conftest import session  # noqa: F401 - a fixture, used by name
from tests.forums.conftest import (  # noqa: F401 - fixtures, used by name
    _forum_settings,
    claim,
    forum,
    forum_index,
    roles,
)
