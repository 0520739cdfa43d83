"""Writes of impact assessments (DESIGN.md: services for writes).

- `assessments`: create an assessment with every group of its dimensions; edit rows;
- `review`: versions, comments, leaders' sign-off of a version, publishing.
"""

from .assessments import (  # noqa: F401
    create_assessment,
    parse_evidence,
    set_leaders,
    update_row,
)
from .review import (  # noqa: F401
    add_comment,
    latest_version,
    publish,
    save_version,
    sign_off,
    submit_for_review,
)
