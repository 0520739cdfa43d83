"""What an equality impact assessment (EIA) export says, independent of its format.

`eia_document(assessment)` gathers, for one 360° impact assessment:

- one section per protected characteristic of the Equality Act 2010 (s.4: age,
  disability, gender reassignment, marriage and civil partnership, pregnancy and
  maternity, race, religion or belief, sex, sexual orientation). A characteristic is
  filled from the assessment's dimensions whose code is mapped to it
  (`IMPACT_EIA_DIMENSIONS`, a setting with defaults below): per community group, the
  expected impact with its rationale and confidence, the residents' perceived impact
  (through the subject's provider, suppressed) and participation against the baseline
  (the publishable representation report). A characteristic with no mapped dimension
  says so, so that the gap is visible rather than silently empty;
- one section per aim of the Public Sector Equality Duty (s.149): eliminate
  discrimination, harassment and victimisation; advance equality of opportunity;
  foster good relations — each filled with the evidence that bears on it;
- the unintended-consequences register entries of the assessment and its policy area.

The PDF and DOCX writers (`pdf.py`, `docx.py`) only lay this out.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engage.communities.models import Dimension
from engage.communities.representation import Flag, publishable_report, representation_report
from engage.communities.suppression import threshold

from ..models import Consequence, ConsequenceCategory
from ..models.assessments import IMPACT_CHOICES
from ..subjects import resolve_subject

# (code, label) in the Act's order.
CHARACTERISTICS = (
    ("age", gettext_lazy("Age")),
    ("disability", gettext_lazy("Disability")),
    ("gender_reassignment", gettext_lazy("Gender reassignment")),
    ("marriage_civil_partnership", gettext_lazy("Marriage and civil partnership")),
    ("pregnancy_maternity", gettext_lazy("Pregnancy and maternity")),
    ("race", gettext_lazy("Race")),
    ("religion_belief", gettext_lazy("Religion or belief")),
    ("sex", gettext_lazy("Sex")),
    ("sexual_orientation", gettext_lazy("Sexual orientation")),
)

PSED_AIMS = (
    (
        "eliminate",
        gettext_lazy(
            "Eliminate unlawful discrimination, harassment, victimisation and other conduct "
            "prohibited by the Act"
        ),
    ),
    (
        "advance",
        gettext_lazy(
            "Advance equality of opportunity between people who share a protected "
            "characteristic and those who do not"
        ),
    ),
    (
        "foster",
        gettext_lazy(
            "Foster good relations between people who share a protected characteristic and "
            "those who do not"
        ),
    ),
)

# Dimension codes (communities.Dimension.slug) that evidence each characteristic.
DEFAULT_DIMENSIONS = {
    "age": ["age", "age-band", "age_band"],
    "disability": ["disability", "disability-status"],
    "gender_reassignment": ["gender-identity", "gender_identity", "gender-reassignment"],
    "marriage_civil_partnership": ["marital-status", "marital_status", "legal-partnership"],
    "pregnancy_maternity": ["pregnancy-maternity", "pregnancy"],
    "race": ["ethnic-group", "ethnic_group", "ethnicity", "national-identity"],
    "religion_belief": ["religion", "religion-or-belief", "religion_belief"],
    "sex": ["sex"],
    "sexual_orientation": ["sexual-orientation", "sexual_orientation"],
}

# Register categories that bear on each PSED aim.
AIM_REGISTER_CATEGORIES = {
    "eliminate": {ConsequenceCategory.COMMUNITY_SAFETY, ConsequenceCategory.ONLINE},
    "advance": {ConsequenceCategory.ECONOMIC, ConsequenceCategory.DISPLACEMENT},
    "foster": {
        ConsequenceCategory.SOCIAL_COHESION,
        ConsequenceCategory.TRUST,
        ConsequenceCategory.DISPLACEMENT,
    },
}


def characteristic_dimensions():
    return {**DEFAULT_DIMENSIONS, **getattr(settings, "IMPACT_EIA_DIMENSIONS", {})}


@dataclass
class GroupLine:
    """One community group under a characteristic."""

    group: str
    expected: str
    expected_value: int | None
    rationale: str
    confidence: str
    perceived_self: str
    perceived_others: str
    participation: str
    participation_flag: str = ""  # a representation Flag value


@dataclass
class Section:
    code: str
    title: str
    dimensions: list = field(default_factory=list)  # dimension names
    groups: list = field(default_factory=list)  # GroupLine
    notes: list = field(default_factory=list)  # plain sentences


@dataclass
class RegisterLine:
    description: str
    category: str
    score: int
    likelihood: int
    severity: int
    mitigation: str
    owner: str
    review_date: str
    status: str
    category_code: str = ""


@dataclass
class EiaDocument:
    title: str
    subject: str
    policy_area: str
    status: str
    version: int
    summary: str
    characteristics: list  # Section
    aims: list  # Section
    register: list  # RegisterLine
    threshold: int


IMPACT_LABELS = dict(IMPACT_CHOICES)


def _impact_label(value):
    return str(IMPACT_LABELS.get(value, _("unknown")))


def _perceived_label(result):
    if result is None:
        return "—"
    if result.mean is not None:
        return _("mean %(mean)s from %(people)s people") % {
            "mean": f"{result.mean:+.2f}",
            "people": result.respondents.label,
        }
    return _("%(people)s people; mean withheld") % {"people": result.respondents.label}


def _representation(assessment, dimension):
    """`{category slug: ("count – flag label", flag)}` from the publishable representation report of
    the assessment's subject, or a sentence saying why there is none."""
    if not assessment.subject_scope:
        return {}, _("A standalone assessment has no consultation to report participation on.")
    try:
        report = publishable_report(representation_report(assessment.subject_scope, dimension.slug))
    except ValidationError as error:  # no baseline, unknown scope: said in the document
        return {}, _("No representation report for %(dimension)s: %(reason)s") % {
            "dimension": dimension.name,
            "reason": " ".join(getattr(error, "messages", [str(error)])),
        }
    lines = {}
    for reported in report["dimensions"]:
        for row in reported["rows"]:
            lines[row["category"]] = (
                f"{row['participants']['label']} – {row['flag_label']}",
                row["flag"],
            )
    return lines, None


def _characteristic(code, title, assessment, dimensions, rows_by_category, subject):
    slugs = set(characteristic_dimensions().get(code, []))
    section = Section(code=code, title=str(title))
    chosen = [dimension for dimension in dimensions if dimension.slug in slugs]
    if not chosen:
        section.notes.append(
            _(
                "The assessment does not cover this characteristic: none of its dimensions "
                "is mapped to it. Record why it is not relevant, or add a dimension."
            )
        )
        return section
    for dimension in chosen:
        section.dimensions.append(dimension.name)
        perceived = subject.perceived_impact(dimension) if subject else {}
        participation, note = _representation(assessment, dimension)
        if note:
            section.notes.append(note)
        for category in dimension.categories.all():
            row = rows_by_category.get(category.pk)
            cell = perceived.get(category.pk)
            section.groups.append(
                GroupLine(
                    group=category.name,
                    expected=_impact_label(row.impact) if row else _("not assessed"),
                    expected_value=row.impact if row else None,
                    rationale=row.rationale if row else "",
                    confidence=str(row.get_confidence_display()) if row else "",
                    perceived_self=_perceived_label(cell.self_ if cell else None),
                    perceived_others=_perceived_label(cell.others if cell else None),
                    participation=participation.get(category.slug, ("—", ""))[0],
                    participation_flag=participation.get(category.slug, ("—", ""))[1],
                )
            )
    return section


def _aims(characteristics, register):
    negative = [
        (section.title, line.group)
        for section in characteristics
        for line in section.groups
        if line.expected_value is not None and line.expected_value < 0
    ]
    positive = [
        (section.title, line.group)
        for section in characteristics
        for line in section.groups
        if line.expected_value is not None and line.expected_value > 0
    ]
    under = [
        (section.title, line.group)
        for section in characteristics
        for line in section.groups
        if line.participation_flag in (Flag.UNDER, Flag.ABSENT)
    ]
    aims = []
    for code, title in PSED_AIMS:
        section = Section(code=code, title=str(title))
        if code == "eliminate":
            for characteristic, group in negative:
                section.notes.append(
                    _(
                        "%(group)s (%(characteristic)s): a negative impact is expected; say how it is mitigated or justified."
                    )
                    % {"group": group, "characteristic": characteristic}
                )
        elif code == "advance":
            for characteristic, group in positive:
                section.notes.append(
                    _("%(group)s (%(characteristic)s): a positive impact is expected.")
                    % {"group": group, "characteristic": characteristic}
                )
            for characteristic, group in under:
                section.notes.append(
                    _(
                        "%(group)s (%(characteristic)s) took part less than its share of the population: reach them before deciding."
                    )
                    % {"group": group, "characteristic": characteristic}
                )
        for line in register:
            if line.category_code in AIM_REGISTER_CATEGORIES[code]:
                section.notes.append(
                    _("Register: %(description)s (%(category)s, score %(score)s of 25).")
                    % {
                        "description": line.description,
                        "category": line.category,
                        "score": line.score,
                    }
                )
        if not section.notes:
            section.notes.append(_("No evidence recorded for this aim yet."))
        aims.append(section)
    return aims


def _register(assessment):
    entries = Consequence.objects.with_score().select_related("owner")
    if assessment.policy_area_id:
        entries = entries.filter(assessment=assessment) | entries.filter(
            policy_area_id=assessment.policy_area_id, assessment__isnull=True
        )
    else:
        entries = entries.filter(assessment=assessment)
    lines = []
    for entry in entries.order_by("-risk_score", "review_date", "pk"):
        line = RegisterLine(
            description=entry.description,
            category=str(entry.get_category_display()),
            score=entry.score,
            likelihood=entry.likelihood,
            severity=entry.severity,
            mitigation=entry.mitigation,
            owner=(entry.owner.get_full_name() or entry.owner.email) if entry.owner else "—",
            review_date=entry.review_date.isoformat(),
            status=str(entry.get_status_display()),
            category_code=entry.category,
        )
        lines.append(line)
    return lines


def eia_document(assessment):
    """The `EiaDocument` of `assessment` (an ImpactAssessment)."""
    subject = resolve_subject(assessment.subject_scope)
    dimensions = list(
        Dimension.objects.filter(pk__in=assessment.dimensions.values("pk"))
        .prefetch_related("categories")
        .order_by("sort_order", "pk")
    )
    rows_by_category = {row.category_id: row for row in assessment.rows.all()}
    characteristics = [
        _characteristic(code, title, assessment, dimensions, rows_by_category, subject)
        for code, title in CHARACTERISTICS
    ]
    register = _register(assessment)
    return EiaDocument(
        title=assessment.title,
        subject=subject.title if subject else _("A policy decision without a consultation"),
        policy_area=str(assessment.policy_area or "—"),
        status=str(assessment.get_status_display()),
        version=assessment.version,
        summary=assessment.summary,
        characteristics=characteristics,
        aims=_aims(characteristics, register),
        register=register,
        threshold=threshold(),
    )
