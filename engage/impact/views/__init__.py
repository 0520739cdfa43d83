"""Pages of impact assessments: the staff editor (`editor`), the leaders' review page
and the published summary (`review`)."""

from .editor import assessment_create, assessment_edit, assessment_list  # noqa: F401
from .review import assessment_review, assessment_summary  # noqa: F401
