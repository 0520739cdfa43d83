"""Writes for reactions and surveys. Views, the API and tests all call these.

Each write validates first and raises `ValidationError` (a translated sentence saying
what to do) before anything is saved; the write itself, its participation record and
its live update happen in one transaction, the broadcast only after it commits.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Action
from engage.communities.scopes import Scope
from engage.communities.services import record_participation
from engage.realtime.broadcast import send_now
from engage.realtime.groups import consultation_group

from .models import (
    SCALE_MAX,
    SCALE_MIN,
    QuestionKind,
    Reaction,
    ReactionValue,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    target_field,
)
from .rules import (
    EngagementBlocker,
    TakePartBlocker,
    consultation_of,
    react_blocker,
    survey_blocker,
)

REACT_MESSAGES = {
    EngagementBlocker.TARGET_HIDDEN: _(
        "You cannot react to this: it is not shown on the consultation (it may be waiting "
        "for moderation, withdrawn or removed)."
    ),
    TakePartBlocker.NOT_PUBLISHED: _(
        "This consultation is not published yet, so nobody can react to it."
    ),
    TakePartBlocker.UPCOMING: _(
        "This consultation is not open yet. Please come back when it opens to react."
    ),
    TakePartBlocker.CLOSED: _(
        "This consultation has closed, so reactions can no longer be changed. Thank you for "
        "your interest."
    ),
    TakePartBlocker.LOG_IN: _("Please log in or create a free account to react."),
    TakePartBlocker.VERIFY_EMAIL: _(
        "Please verify your email address before reacting. Follow the link in the email we "
        "sent you, or ask for a new one."
    ),
}

SURVEY_MESSAGES = {
    EngagementBlocker.SURVEY_INACTIVE: _(
        "This survey is not available. It may have been switched off by the city."
    ),
    TakePartBlocker.NOT_PUBLISHED: _(
        "This consultation is not published yet, so nobody can answer its survey."
    ),
    TakePartBlocker.UPCOMING: _(
        "This consultation is not open yet. Please come back when it opens to answer the survey."
    ),
    TakePartBlocker.CLOSED: _(
        "This consultation has closed, so its survey no longer takes answers. Thank you for "
        "your interest."
    ),
    TakePartBlocker.LOG_IN: _("Please log in or create a free account to answer the survey."),
    TakePartBlocker.VERIFY_EMAIL: _(
        "Please verify your email address before answering. Follow the link in the email we "
        "sent you, or ask for a new one."
    ),
}


def _scopes(consultation, proposal=None):
    scopes = [Scope.of("consultation", consultation.pk)]
    if proposal is not None:
        scopes.append(Scope.of("proposal", proposal.pk))
    return scopes


def _check_react(user, target):
    blocker = react_blocker(user, target)
    if blocker is not None:
        raise ValidationError(REACT_MESSAGES[blocker], code=blocker)


def reaction_payload(target):
    """What live pages hear after a reaction changed (docs/websockets.md, reaction.counts)."""
    kind = target_field(target)
    return {
        "target": kind,
        "id": target.pk,
        "proposal_id": target.pk if kind == "proposal" else None,
        "comment_id": target.pk if kind == "comment" else None,
        "counts": Reaction.objects.counts_for(target),
    }


def _broadcast_counts(consultation, target):
    # Counted once the transaction has committed (not before), so each change sends the
    # totals as they are then, including concurrent reactions that committed meanwhile.
    group = consultation_group(consultation.pk)
    transaction.on_commit(lambda: send_now(group, "reaction.counts", reaction_payload(target)))


def react(user, target, value):
    """Set `user`'s reaction to `target` (a Proposal or a published Comment) to `value`
    ("support", "oppose" or "unsure"), replacing any earlier one. Safe under concurrency:
    the database allows one row per person and target; a lost insert race becomes an
    update. Returns the Reaction."""
    if value not in ReactionValue.values:
        raise ValidationError(
            _("“%(value)s” is not a reaction. Choose support, oppose or unsure."),
            code="invalid_value",
            params={"value": str(value)[:20]},
        )
    _check_react(user, target)
    consultation = consultation_of(target)
    field = target_field(target)
    proposal = target if field == "proposal" else target.proposal
    lookup = {"user": user, field: target}
    with transaction.atomic():
        reaction = _upsert_reaction(lookup, consultation, value)
        record_participation(
            user, Action.REACTED, *_scopes(consultation, proposal), area=consultation.area
        )
        _broadcast_counts(consultation, target)
    return reaction


def _upsert_reaction(lookup, consultation, value):
    now = timezone.now()
    for _attempt in range(3):
        reaction = Reaction.objects.select_for_update().filter(**lookup).first()
        if reaction is not None:
            if reaction.value != value:
                reaction.value, reaction.updated_at = value, now
                reaction.save(update_fields=["value", "updated_at"])
            return reaction
        try:
            # A savepoint: when a concurrent request inserted first, only this insert
            # is rolled back and the loop updates the row it created.
            with transaction.atomic():
                return Reaction.objects.create(
                    **lookup, consultation=consultation, value=value, created_at=now, updated_at=now
                )
        except IntegrityError:
            continue
    raise ValidationError(
        _("Your reaction could not be saved just now. Please try again."), code="conflict"
    )


def remove_reaction(user, target):
    """Remove `user`'s reaction to `target`, if any. Returns True when one was removed.
    Allowed while the person could react (so not after the consultation closes)."""
    _check_react(user, target)
    consultation = consultation_of(target)
    with transaction.atomic():
        deleted, _rows = Reaction.objects.filter(
            user=user, **{target_field(target): target}
        ).delete()
        if deleted:
            _broadcast_counts(consultation, target)
    return bool(deleted)


# --- Surveys ---------------------------------------------------------------------------


class CleanAnswers(dict):
    """`{question_id: value}` after `clean_answers`: an option id, a list of option ids,
    a scale int, or a text; questions left unanswered are absent."""


def survey_questions(survey):
    """The survey's questions in order, each with its options prefetched in order (two
    queries, or none when `Survey.objects.with_questions()` loaded them already)."""
    prefetched = getattr(survey, "_prefetched_objects_cache", {}).get("questions")
    if prefetched is not None:
        return list(prefetched)
    return list(
        SurveyQuestion.objects.filter(survey=survey)
        .order_by("sort_order", "pk")
        .prefetch_related(
            Prefetch("options", queryset=SurveyOption.objects.order_by("sort_order", "pk"))
        )
    )


def _as_list(value):
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple | set):
        return [item for item in value if item not in (None, "")]
    return [value]


def _as_int(value):
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.lstrip("-").isdigit():
        raise ValueError
    return int(text)


SURVEY_TEXT_MAX_LENGTH = 1000


def clean_answers(survey, answers):
    """Check `answers` (`{question_id: value}`, keys as ints or strings) against the
    survey's questions. Returns `(cleaned, errors)`: `errors` maps a question id (or
    None for the whole form) to a translated message; nothing is raised, so a form can
    show every problem at once.

    Values: single choice, an option id; multiple choice, a list of option ids; scale,
    an integer 1–5; text, a short text.
    """
    questions = {question.pk: question for question in survey_questions(survey)}
    cleaned, errors = CleanAnswers(), {}
    by_id = {}
    for key, value in (answers or {}).items():
        try:
            by_id[_as_int(key)] = value
        except ValueError:
            errors[None] = _("The answers name a question that is not in this survey.")
    unknown = set(by_id) - set(questions)
    if unknown:
        errors[None] = _(
            "Some answers are for questions of another survey. Reload the survey and answer again."
        )
    for pk, question in questions.items():
        raw = by_id.get(pk)
        try:
            value = _clean_one(question, raw)
        except ValidationError as error:
            errors[pk] = error.messages[0]
            continue
        if value is None or value == [] or value == "":
            if question.required:
                errors[pk] = _("Please answer this question.")
            continue
        cleaned[pk] = value
    return cleaned, errors


def _clean_one(question, raw):
    if question.kind == QuestionKind.TEXT:
        if isinstance(raw, list | tuple | dict):
            raise ValidationError(_("Please write your answer as text."))
        text = ("" if raw is None else str(raw)).strip()
        if len(text) > SURVEY_TEXT_MAX_LENGTH:
            raise ValidationError(
                _("Please keep your answer under %(max)s characters (it has %(length)s)."),
                params={"max": SURVEY_TEXT_MAX_LENGTH, "length": len(text)},
            )
        return text
    if question.kind == QuestionKind.SCALE:
        values = _as_list(raw)
        if not values:
            return None
        try:
            if len(values) != 1:
                raise ValueError
            scale = _as_int(values[0])
        except ValueError:
            raise ValidationError(
                _("Choose one number from %(min)s to %(max)s."),
                params={"min": SCALE_MIN, "max": SCALE_MAX},
            ) from None
        if not SCALE_MIN <= scale <= SCALE_MAX:
            raise ValidationError(
                _("%(value)s is not on the scale. Choose a number from %(min)s to %(max)s."),
                params={"value": scale, "min": SCALE_MIN, "max": SCALE_MAX},
            )
        return scale
    # Single or multiple choice.
    values = _as_list(raw)
    option_ids = {option.pk for option in question.options.all()}
    try:
        chosen = [_as_int(value) for value in values]
    except ValueError:
        raise ValidationError(_("Please choose from the options shown.")) from None
    if question.kind == QuestionKind.SINGLE and len(set(chosen)) > 1:
        raise ValidationError(_("Please choose only one option."))
    if any(pk not in option_ids for pk in chosen):
        raise ValidationError(
            _("One of the options chosen does not belong to this question. Please choose again.")
        )
    if question.kind == QuestionKind.SINGLE:
        return chosen[0] if chosen else None
    return sorted(set(chosen))


class SurveyErrors(ValidationError):
    """A ValidationError carrying `errors`: `{question_id or None: message}`."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(
            _("Some answers need your attention. Please check the questions marked below."),
            code="invalid_answers",
        )


def submit_survey(user, survey, answers):
    """Save `user`'s answers to `survey`, replacing any they gave before. Raises
    `ValidationError` (the consultation is not open, the survey is off...) or
    `SurveyErrors` (answers that are wrong or missing), saving nothing. Returns the
    SurveyResponse."""
    blocker = survey_blocker(user, survey)
    if blocker is not None:
        raise ValidationError(SURVEY_MESSAGES[blocker], code=blocker)
    cleaned, errors = clean_answers(survey, answers)
    if errors:
        raise SurveyErrors(errors)
    questions = {question.pk: question for question in survey_questions(survey)}
    consultation = survey.consultation
    now = timezone.now()
    with transaction.atomic():
        response, created = _response_for(survey, user, now)
        if not created:
            response.updated_at = now
            response.save(update_fields=["updated_at"])
            response.answers.all().delete()
        rows = []
        for pk, value in cleaned.items():
            question = questions[pk]
            if question.kind == QuestionKind.TEXT:
                rows.append(SurveyAnswer(response=response, question=question, text=value))
            elif question.kind == QuestionKind.SCALE:
                rows.append(SurveyAnswer(response=response, question=question, scale=value))
            else:
                for option_id in value if isinstance(value, list) else [value]:
                    rows.append(
                        SurveyAnswer(response=response, question=question, option_id=option_id)
                    )
        SurveyAnswer.objects.bulk_create(rows)
        record_participation(user, Action.ANSWERED, *_scopes(consultation), area=consultation.area)
    return response


def _response_for(survey, user, now):
    """The person's response row, locked; created when missing (once, even when two
    submissions race)."""
    for _attempt in range(3):
        response = (
            SurveyResponse.objects.select_for_update().filter(survey=survey, user=user).first()
        )
        if response is not None:
            return response, False
        try:
            with transaction.atomic():
                return (
                    SurveyResponse.objects.create(
                        survey=survey, user=user, created_at=now, updated_at=now
                    ),
                    True,
                )
        except IntegrityError:
            continue
    raise ValidationError(
        _("Your answers could not be saved just now. Please try again."), code="conflict"
    )


def previous_answers(user, survey):
    """`{question_id: value}` of `user`'s saved answers, in `clean_answers` form, for
    showing them again (empty when they have not answered)."""
    if user is None or not user.is_authenticated:
        return {}
    answers = SurveyAnswer.objects.filter(
        response__survey=survey, response__user=user
    ).select_related("question")
    result = {}
    for answer in answers:
        kind = answer.question.kind
        if kind == QuestionKind.TEXT:
            result[answer.question_id] = answer.text
        elif kind == QuestionKind.SCALE:
            result[answer.question_id] = answer.scale
        elif kind == QuestionKind.MULTIPLE:
            result.setdefault(answer.question_id, []).append(answer.option_id)
        else:
            result[answer.question_id] = answer.option_id
    return result
