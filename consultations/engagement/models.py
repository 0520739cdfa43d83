"""Reactions and surveys.

A `Reaction` is one person's support / oppose / unsure on one proposal or one comment.
There is at most one per person and target, enforced by the database (two conditional
unique constraints), so double submissions and concurrent clicks cannot create two.

A `Survey` belongs to a consultation and is edited by staff in the Wagtail admin
(Snippets → Surveys): questions of four kinds, each with its options. A person has one
`SurveyResponse` per survey, editable until the consultation closes; its `SurveyAnswer`
rows hold one chosen option each (single and multiple choice), a scale value (1–5) or
a short text.

Write through `consultations.engagement.services`, which validates, records
participation and broadcasts reaction counts.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

SCALE_MIN = 1
SCALE_MAX = 5


class ReactionValue(models.TextChoices):
    SUPPORT = "support", pgettext_lazy("reaction", "Support")
    OPPOSE = "oppose", pgettext_lazy("reaction", "Oppose")
    UNSURE = "unsure", pgettext_lazy("reaction", "Unsure")


def empty_counts():
    """`{"support": 0, "oppose": 0, "unsure": 0}`: the counts of a target nobody reacted to."""
    return dict.fromkeys(ReactionValue.values, 0)


class ReactionQuerySet(models.QuerySet):
    """Reads of reactions and their counts."""

    def for_target(self, target):
        """Reactions on one proposal or comment."""
        return self.filter(**{target_field(target): target.pk})

    def counts_for(self, target):
        """`{"support": n, "oppose": n, "unsure": n}` for one proposal or comment."""
        counts = empty_counts()
        rows = self.for_target(target).order_by().values("value").annotate(n=models.Count("pk"))
        for row in rows:
            counts[row["value"]] = row["n"]
        return counts

    def counts_for_proposals(self, proposals):
        """`{proposal_id: counts}` for many proposals (ids or objects), in one query.
        Proposals nobody reacted to are present with zero counts."""
        return self._counts_by("proposal_id", proposals)

    def counts_for_comments(self, comments):
        """`{comment_id: counts}` for many comments (ids or objects), in one query."""
        return self._counts_by("comment_id", comments)

    def counts_for_consultation(self, consultation):
        """`{"proposals": {id: counts}, "comments": {id: counts}}` for every target of a
        consultation that has at least one reaction, in one query."""
        result = {"proposals": {}, "comments": {}}
        rows = (
            self.filter(consultation_id=getattr(consultation, "pk", consultation))
            .order_by()
            .values("proposal_id", "comment_id", "value")
            .annotate(n=models.Count("pk"))
        )
        for row in rows:
            if row["proposal_id"] is not None:
                bucket = result["proposals"].setdefault(row["proposal_id"], empty_counts())
            else:
                bucket = result["comments"].setdefault(row["comment_id"], empty_counts())
            bucket[row["value"]] = row["n"]
        return result

    def _counts_by(self, field, targets):
        ids = [getattr(target, "pk", target) for target in targets]
        counts = {pk: empty_counts() for pk in ids}
        rows = (
            self.filter(**{f"{field}__in": ids})
            .order_by()
            .values(field, "value")
            .annotate(n=models.Count("pk"))
        )
        for row in rows:
            counts[row[field]][row["value"]] = row["n"]
        return counts


def target_field(target):
    """ "proposal" or "comment": the Reaction field that points at `target`."""
    from consultations.models import Comment, Proposal

    if isinstance(target, Proposal):
        return "proposal"
    if isinstance(target, Comment):
        return "comment"
    raise TypeError(f"Reactions are on proposals or comments, not {type(target).__name__}.")


def with_reaction_counts(queryset, user, field):
    """Annotate proposals (`field="proposal"`) or comments (`field="comment"`) with
    `reaction_support`, `reaction_oppose`, `reaction_unsure` and `my_reaction` (the
    value `user` chose, or None), as subqueries of the same query: no query per row."""
    annotations = {}
    for value in ReactionValue.values:
        counted = (
            Reaction.objects.filter(**{field: models.OuterRef("pk")}, value=value)
            .order_by()
            .values(field)
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        annotations[f"reaction_{value}"] = Coalesce(
            models.Subquery(counted, output_field=models.IntegerField()), 0
        )
    if user is not None and user.is_authenticated:
        mine = Reaction.objects.filter(**{field: models.OuterRef("pk")}, user_id=user.pk).values(
            "value"
        )[:1]
        annotations["my_reaction"] = models.Subquery(mine, output_field=models.CharField())
    else:
        annotations["my_reaction"] = models.Value(None, output_field=models.CharField())
    return queryset.annotate(**annotations)


class Reaction(models.Model):
    """One person's reaction to one proposal or one comment of a consultation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reactions",
        verbose_name=_("person"),
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="reactions",
        verbose_name=_("consultation"),
    )
    proposal = models.ForeignKey(
        "consultations.Proposal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reactions",
        verbose_name=_("proposal"),
    )
    comment = models.ForeignKey(
        "consultations.Comment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reactions",
        verbose_name=_("comment"),
    )
    value = models.CharField(
        pgettext_lazy("reaction", "reaction"), max_length=10, choices=ReactionValue.choices
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = ReactionQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("noun", "reaction")
        verbose_name_plural = pgettext_lazy("noun", "reactions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(proposal__isnull=False, comment__isnull=True)
                    | models.Q(proposal__isnull=True, comment__isnull=False)
                ),
                name="reaction_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=ReactionValue.values), name="reaction_value_valid"
            ),
            models.UniqueConstraint(
                fields=["user", "proposal"],
                condition=models.Q(proposal__isnull=False),
                name="reaction_one_per_proposal",
            ),
            models.UniqueConstraint(
                fields=["user", "comment"],
                condition=models.Q(comment__isnull=False),
                name="reaction_one_per_comment",
            ),
        ]

    def __str__(self):
        return f"{self.get_value_display()} ({self.proposal_id or self.comment_id})"

    @property
    def target(self):
        return self.proposal if self.proposal_id else self.comment


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale from 1 to 5")
    TEXT = "text", _("Short text")


class PerceivedImpactQuestion(models.TextChoices):
    """The standard perceived-impact pair (`consultations.engagement.perceived_impact`)."""

    SELF = "self", _("How would this affect people like you?")
    OTHERS = "others", _("How would it affect other people in the area?")


IMPACT_MIN = -2
IMPACT_MAX = 2


class SurveyQuerySet(models.QuerySet):
    def active(self):
        """Surveys staff have switched on."""
        return self.filter(is_active=True)

    def for_consultation(self, consultation):
        return self.filter(consultation_id=getattr(consultation, "pk", consultation))

    def with_questions(self):
        """Surveys with their questions and options prefetched, in order (three queries)."""
        return self.prefetch_related(
            models.Prefetch(
                "questions",
                queryset=SurveyQuestion.objects.order_by("sort_order", "pk").prefetch_related(
                    models.Prefetch(
                        "options", queryset=SurveyOption.objects.order_by("sort_order", "pk")
                    )
                ),
            )
        )


class Survey(ClusterableModel):
    """A short survey on a consultation; residents answer it while the consultation is
    open (one response each, which they can change until it closes)."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="surveys",
        verbose_name=_("consultation"),
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Why you ask, and how long it takes.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active surveys are shown to residents.")
    )
    sort_order = models.IntegerField(_("order"), default=0)

    objects = SurveyQuerySet.as_manager()

    panels = [
        FieldPanel("consultation"),
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("is_active"), FieldPanel("sort_order")], heading=_("Display")),
        InlinePanel("questions", heading=_("Questions"), label=_("Question"), min_num=1),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("consultations:engagement:survey", kwargs={"pk": self.pk})


class SurveyQuestion(Orderable, ClusterableModel):
    """One question of a survey. Choice questions have options; scale questions are
    answered 1 (strongly disagree) to 5 (strongly agree); text questions in a short text."""

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(
        _("kind of question"),
        max_length=10,
        choices=QuestionKind.choices,
        default=QuestionKind.SINGLE,
    )
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("answer required"), default=True)
    perceived_impact = models.CharField(
        _("perceived-impact question"),
        max_length=8,
        choices=PerceivedImpactQuestion.choices,
        blank=True,
        default="",
        editable=False,
        help_text=_("Set by the “add the perceived-impact questions” action, never by hand."),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("required"),
        InlinePanel(
            "options",
            heading=_("Options"),
            label=_("Option"),
            help_text=_("For single and multiple choice questions only."),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self):
        return self.text

    @property
    def has_options(self):
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class SurveyOption(Orderable):
    """One option of a single or multiple choice question."""

    question = ParentalKey(SurveyQuestion, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=200)
    # On the options of a perceived-impact question: -2 (strongly negative) to +2
    # (strongly positive); empty for "don't know" and on every other question.
    impact_value = models.SmallIntegerField(
        _("impact value"),
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(IMPACT_MIN), MaxValueValidator(IMPACT_MAX)],
    )

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("survey option")
        verbose_name_plural = _("survey options")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(impact_value__isnull=True)
                | models.Q(impact_value__gte=IMPACT_MIN, impact_value__lte=IMPACT_MAX),
                name="survey_option_impact_range",
            )
        ]

    def __str__(self):
        return self.text


class SurveyResponse(models.Model):
    """One person's answers to one survey."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_responses",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="survey_one_response_each")
        ]

    def __str__(self):
        return _("Response %(number)s") % {"number": self.pk}


class SurveyAnswer(models.Model):
    """One answer: a chosen option (one row per option), a scale value, or a text."""

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    option = models.ForeignKey(
        SurveyOption,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("option"),
    )
    scale = models.PositiveSmallIntegerField(
        _("scale"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True)
                | models.Q(scale__gte=SCALE_MIN, scale__lte=SCALE_MAX),
                name="survey_answer_scale_range",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=models.Q(option__isnull=False),
                name="survey_answer_option_once",
            ),
        ]
        indexes = [models.Index(fields=["question", "option"], name="survey_answer_tally_idx")]

    def __str__(self):
        return str(self.question)
