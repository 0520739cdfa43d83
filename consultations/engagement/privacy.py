"""Reactions and survey answers of a person, for "download my data" and account
deletion. Deleting content deletes them (the results are recounted without them);
keeping content keeps them under the emptied account."""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import registry

from .models import Reaction, SurveyAnswer, SurveyResponse


def erase(user, keep_content):
    if keep_content:
        return
    Reaction.objects.filter(user=user).delete()
    SurveyResponse.objects.filter(user=user).delete()


def register():
    registry.register_section(
        "engagement",
        _("Reactions and survey answers"),
        order=45,
        tables=[
            registry.Table("reactions", lambda user: Reaction.objects.filter(user=user)),
            registry.Table(
                "survey_responses", lambda user: SurveyResponse.objects.filter(user=user)
            ),
            registry.Table(
                "survey_answers", lambda user: SurveyAnswer.objects.filter(response__user=user)
            ),
        ],
        erase=erase,
    )
