"""The legal grounds an information-sharing agreement names (UK law).

- `Article6`: the lawful basis for processing, UK GDPR Article 6(1);
- `Article9`: for special-category data, the condition of UK GDPR Article 9(2);
- `Schedule1`: the condition of the Data Protection Act 2018, Schedule 1, that
  Article 9(2)(b), (g), (h), (i) and (j) need (DPA 2018 section 10). The other Article 9
  conditions need none, which the agreement records as `NOT_NEEDED` so that the two
  fields are always filled in together.

`schedule_1_fits(article_9, schedule_1)` says whether a pair is consistent: (g)
"substantial public interest" takes a Part 2 condition, (b), (h), (i) and (j) take
their own Part 1 paragraph, the others take `NOT_NEEDED`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Article6(models.TextChoices):
    CONSENT = "a", _("Article 6(1)(a): consent")
    CONTRACT = "b", _("Article 6(1)(b): contract")
    LEGAL_OBLIGATION = "c", _("Article 6(1)(c): legal obligation")
    VITAL_INTERESTS = "d", _("Article 6(1)(d): vital interests")
    PUBLIC_TASK = "e", _("Article 6(1)(e): public task")
    LEGITIMATE_INTERESTS = "f", _("Article 6(1)(f): legitimate interests")


class Article9(models.TextChoices):
    EXPLICIT_CONSENT = "a", _("Article 9(2)(a): explicit consent")
    EMPLOYMENT = "b", _("Article 9(2)(b): employment, social security and social protection")
    VITAL_INTERESTS = "c", _("Article 9(2)(c): vital interests")
    NOT_FOR_PROFIT = "d", _("Article 9(2)(d): not-for-profit bodies")
    MADE_PUBLIC = "e", _("Article 9(2)(e): made public by the data subject")
    LEGAL_CLAIMS = "f", _("Article 9(2)(f): legal claims or judicial acts")
    SUBSTANTIAL_PUBLIC_INTEREST = "g", _("Article 9(2)(g): reasons of substantial public interest")
    HEALTH_SOCIAL_CARE = "h", _("Article 9(2)(h): health or social care")
    PUBLIC_HEALTH = "i", _("Article 9(2)(i): public health")
    ARCHIVING_RESEARCH = "j", _("Article 9(2)(j): archiving, research and statistics")


class Schedule1(models.TextChoices):
    NOT_NEEDED = (
        "none",
        _("No Schedule 1 condition is needed (Article 9(2)(a), (c), (d), (e) or (f))"),
    )
    # Part 1: conditions relating to employment, health and research.
    EMPLOYMENT = (
        "1",
        _("Schedule 1, paragraph 1: employment, social security and social protection"),
    )
    HEALTH_SOCIAL_CARE = "2", _("Schedule 1, paragraph 2: health or social care purposes")
    PUBLIC_HEALTH = "3", _("Schedule 1, paragraph 3: public health")
    RESEARCH = "4", _("Schedule 1, paragraph 4: research, archiving and statistics")
    # Part 2: substantial public interest conditions.
    STATUTORY = "6", _("Schedule 1, paragraph 6: statutory and government purposes")
    JUSTICE = (
        "7",
        _("Schedule 1, paragraph 7: administration of justice and parliamentary purposes"),
    )
    EQUALITY = "8", _("Schedule 1, paragraph 8: equality of opportunity or treatment")
    DIVERSITY = "9", _("Schedule 1, paragraph 9: racial and ethnic diversity at senior levels")
    UNLAWFUL_ACTS = "10", _("Schedule 1, paragraph 10: preventing or detecting unlawful acts")
    PROTECTING_PUBLIC = "11", _("Schedule 1, paragraph 11: protecting the public")
    REGULATORY = "12", _("Schedule 1, paragraph 12: regulatory requirements")
    COUNSELLING = "17", _("Schedule 1, paragraph 17: counselling")
    SAFEGUARDING = (
        "18",
        _("Schedule 1, paragraph 18: safeguarding of children and of individuals at risk"),
    )
    ECONOMIC_WELLBEING = (
        "19",
        _("Schedule 1, paragraph 19: safeguarding of economic well-being of certain individuals"),
    )
    ELECTED_REPRESENTATIVES = (
        "23",
        _("Schedule 1, paragraph 23: elected representatives responding to requests"),
    )


PART_2 = frozenset(
    {"6", "7", "8", "9", "10", "11", "12", "17", "18", "19", "23"}
)  # substantial public interest
PART_1_FOR = {"b": "1", "h": "2", "i": "3", "j": "4"}
NEEDS_NONE = frozenset({"a", "c", "d", "e", "f"})


def schedule_1_fits(article_9, schedule_1):
    """True when the Schedule 1 condition `schedule_1` is the one Article 9(2)
    condition `article_9` needs (see the module docstring)."""
    if article_9 in NEEDS_NONE:
        return schedule_1 == Schedule1.NOT_NEEDED
    if article_9 == Article9.SUBSTANTIAL_PUBLIC_INTEREST:
        return schedule_1 in PART_2
    return PART_1_FOR.get(article_9) == schedule_1
