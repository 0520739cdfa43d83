"""Models of engage.impact; one module per concern."""

from .assessments import (  # noqa: F401
    AssessmentComment,
    AssessmentSignOff,
    AssessmentStatus,
    AssessmentVersion,
    Confidence,
    ExpectedImpact,
    ImpactAssessment,
)
from .register import (  # noqa: F401
    Consequence,
    ConsequenceCategory,
    ConsequenceStatus,
)
