"""What impact assessments hold about a person, for "download my data" and account
deletion.

Staff draft assessments and own register entries; community leaders are named on
assessments, comment on them and co-sign versions. On deletion a leader's comments go
unless they keep their contributions; everything else is the city's record of how a
decision was weighed and stays, pointing at the emptied account.
"""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import registry

from .models import (
    AssessmentComment,
    AssessmentSignOff,
    AssessmentVersion,
    Consequence,
    ImpactAssessment,
)


def erase(user, keep_content):
    if not keep_content:
        AssessmentComment.objects.filter(author=user).delete()


def register():
    registry.register_section(
        "impact",
        _("Impact assessments"),
        order=70,
        tables=[
            registry.Table(
                "impact_assessments_drafted",
                lambda user: ImpactAssessment.objects.filter(created_by=user),
            ),
            registry.Table(
                "impact_assessments_named_as_leader",
                lambda user: ImpactAssessment.objects.filter(leaders=user),
            ),
            registry.Table(
                "impact_assessment_versions_saved",
                lambda user: AssessmentVersion.objects.filter(created_by=user),
            ),
            registry.Table(
                "impact_assessment_comments",
                lambda user: AssessmentComment.objects.filter(author=user),
            ),
            registry.Table(
                "impact_assessment_sign_offs",
                lambda user: AssessmentSignOff.objects.filter(user=user),
            ),
            registry.Table(
                "impact_register_entries_owned", lambda user: Consequence.objects.filter(owner=user)
            ),
        ],
        erase=erase,
    )
