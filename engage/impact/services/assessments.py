"""Creating an assessment and editing its rows."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from engage.communities.models import Category
from engage.policy.models import PolicyArea

from ..models import AssessmentStatus, Confidence, ExpectedImpact, ImpactAssessment
from ..models.assessments import IMPACT_MAX, IMPACT_MIN
from ..subjects import resolve_subject

EDITABLE = {AssessmentStatus.DRAFT, AssessmentStatus.IN_REVIEW, AssessmentStatus.SIGNED_OFF}


@transaction.atomic
def create_assessment(
    *, dimensions, created_by, subject_scope="", title="", policy_area=None, leaders=None
):
    """A draft assessment with one row for EVERY category of each dimension.

    With a `subject_scope` ("consultation:12") the title, policy area and leaders
    default to the subject's, and the rows of its directly affected and wider-audience
    groups are marked. Without one it is a standalone assessment of a policy decision:
    `title` is required. Raises ValidationError.
    """
    dimensions = list(dimensions)
    if not dimensions:
        raise ValidationError(_("Choose at least one dimension."))
    subject = None
    if subject_scope:
        subject = resolve_subject(subject_scope)
        if subject is None:
            raise ValidationError(
                _("Nothing to assess was found for %(scope)s.") % {"scope": subject_scope}
            )
        subject_scope = subject.scope
    titles = {}
    if not (title or "").strip() and subject:
        titles = {code: text.strip() for code, text in subject.titles.items() if text.strip()}
    title = (title or (subject.title if subject else "")).strip()
    if not title:
        raise ValidationError(_("Give the assessment a title."))
    # In the writer's language (or the subject's every language), and in the default
    # language when that has none, which every other language falls back to.
    titles.setdefault(get_language() or settings.LANGUAGE_CODE, title)
    titles.setdefault(settings.MODELTRANSLATION_DEFAULT_LANGUAGE, title)
    known = {code for code, _name in settings.LANGUAGES}
    if policy_area is None and subject and subject.policy_area_slug:
        policy_area = PolicyArea.objects.filter(slug=subject.policy_area_slug).first()
    assessment = ImpactAssessment.objects.create(
        subject_scope=subject_scope,
        title=title,
        **{f"title_{code}": text for code, text in titles.items() if code in known},
        policy_area=policy_area,
        created_by=created_by,
    )
    assessment.dimensions.set(dimensions)
    if subject:
        if leaders is None:
            leaders = subject.leader_user_ids
    elif leaders:
        leaders = _checked_leaders(leaders)
    if leaders:
        assessment.leaders.set(leaders)
    affected = subject.affected_group_ids if subject else frozenset()
    wider = subject.wider_group_ids if subject else frozenset()
    categories = Category.objects.filter(dimension__in=dimensions).order_by(
        "dimension__sort_order", "sort_order", "pk"
    )
    ExpectedImpact.objects.bulk_create(
        ExpectedImpact(
            assessment=assessment,
            category=category,
            directly_affected=category.pk in affected,
            wider_audience=category.pk in wider,
        )
        for category in categories
    )
    return assessment


def parse_evidence(text):
    """Evidence links from text, one per line: "title | https://…" or just the URL.
    Returns a list of {"title", "url"}; raises ValidationError naming the bad line."""
    validate = URLValidator(schemes=["http", "https"])
    links = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        title, _sep, url = line.rpartition("|")
        title, url = title.strip(), url.strip()
        try:
            validate(url)
        except ValidationError:
            raise ValidationError(
                _("Line %(number)s: “%(url)s” is not a web address (http:// or https://).")
                % {"number": number, "url": url}
            ) from None
        links.append({"title": title or url, "url": url})
    return links


def update_row(row, *, impact, rationale="", evidence=(), confidence=Confidence.LOW, **flags):
    """Save one row. `impact` is -2…+2 or None (unknown); `flags` may set
    `directly_affected` / `wider_audience` (standalone assessments). An edit after a
    version was sent for review or signed off returns the assessment to draft: the
    signed version keeps its snapshot, and a new version must be reviewed."""
    assessment = row.assessment
    if assessment.status not in EDITABLE:
        raise ValidationError(_("A published assessment cannot be edited."))
    if impact is not None and not IMPACT_MIN <= int(impact) <= IMPACT_MAX:
        raise ValidationError(_("The expected impact must be between −2 and +2."))
    if confidence not in Confidence.values:
        raise ValidationError(_("Choose a confidence level."))
    row.impact = None if impact is None else int(impact)
    row.rationale = rationale.strip()
    row.evidence = list(evidence)
    row.confidence = confidence
    for name in ("directly_affected", "wider_audience"):
        if name in flags:
            setattr(row, name, bool(flags[name]))
    with transaction.atomic():
        # Locked and read again: someone may have published it since the page opened.
        assessment = ImpactAssessment.objects.select_for_update().get(pk=row.assessment_id)
        if assessment.status not in EDITABLE:
            raise ValidationError(_("A published assessment cannot be edited."))
        row.save()
        assessment.status = AssessmentStatus.DRAFT
        assessment.save(update_fields=["status", "updated_at"])
    row.assessment = assessment
    return row


def _checked_leaders(leaders):
    """The users of `leaders` (users or ids), each an active community leader; raises
    ValidationError when one of them is not."""
    from django.contrib.auth import get_user_model

    from engage.accounts.models import CommunityLeadership

    mandates = CommunityLeadership.objects.filter(revoked_at__isnull=True)
    ids = {getattr(leader, "pk", leader) for leader in leaders}
    found = list(
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .filter(pk__in=mandates.values("user_id"))
    )
    if len(found) != len(ids):
        raise ValidationError(
            _("Only community leaders with an active mandate can co-sign an assessment.")
        )
    return found


def set_leaders(assessment, leaders):
    """Choose the community leaders who co-sign a standalone assessment (a policy
    decision without a consultation; a consultation's leaders are the co-authors of
    the brief that framed it). A change while the assessment is in review or signed
    off returns it to draft: a version must be co-signed by the leaders named now."""
    if assessment.subject_scope:
        raise ValidationError(
            _(
                "The leaders of a consultation's assessment are the co-authors of the brief "
                "that framed it: change them in the co-design session."
            )
        )
    leaders = _checked_leaders(leaders)
    with transaction.atomic():
        locked = ImpactAssessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.status not in EDITABLE:
            raise ValidationError(_("A published assessment cannot be edited."))
        if {user.pk for user in leaders} == set(locked.leaders.values_list("pk", flat=True)):
            return locked
        locked.leaders.set(leaders)
        locked.status = AssessmentStatus.DRAFT
        locked.save(update_fields=["status", "updated_at"])
    assessment.status = locked.status
    return locked
