"""Residents' statements: length and text checks, sanitising, moderation like comments
(queue, report, hide, appeal, withdrawal), the language recorded, the text-signals
registration, and staff's seed statements."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from engage.communities.models import Action, Participation
from engage.insights.registry import get_target
from engage.moderation import registry as moderation_registry
from engage.moderation.content import ContentStatus, ModerationMode
from engage.moderation.models import ActionKind, QueueItem, ReportReason
from engage.moderation.services import appeal, decide_appeal, moderate, report_content
from engage.opinions import services
from engage.opinions.models import MapStatus, Statement, StatementState
from engage.opinions.ordering import offer_for
from tests.factories import UserFactory, city_staff, moderator, with_totp
from tests.factories.opinions import OpinionMapFactory

pytestmark = pytest.mark.django_db


def submit(user, opinion_map, text="Build more benches by the river.", **kwargs):
    kwargs.setdefault("language", "en")
    return services.submit_statement(user, opinion_map, text, **kwargs)


def test_a_pre_moderated_statement_waits_in_the_moderation_queue(resident):
    opinion_map = OpinionMapFactory(moderation_mode=ModerationMode.PRE)
    statement = submit(resident, opinion_map)
    assert (statement.status, statement.state) == (
        ContentStatus.PENDING,
        StatementState.UNMODERATED,
    )
    item = QueueItem.objects.open().get()
    assert (item.kind, item.scope, item.excerpt) == (
        "statement",
        opinion_map.scope_string,
        "Build more benches by the river.",
    )
    assert f"/opinions/{opinion_map.pk}/?statement={statement.pk}" in item.url
    assert offer_for(opinion_map, None).statement is None  # not offered while pending


def test_approving_it_puts_it_on_the_map(resident):
    opinion_map = OpinionMapFactory()
    statement = submit(resident, opinion_map)
    moderate(with_totp(moderator()), statement, ActionKind.APPROVE)
    statement.refresh_from_db()
    assert (statement.status, statement.state) == (
        ContentStatus.PUBLISHED,
        StatementState.ACCEPTED,
    )
    assert offer_for(opinion_map, None).statement == statement


def test_under_post_moderation_it_is_published_at_once(resident):
    opinion_map = OpinionMapFactory(moderation_mode=ModerationMode.POST)
    statement = submit(resident, opinion_map)
    assert statement.is_published and statement.state == StatementState.ACCEPTED
    assert not QueueItem.objects.exists()


@override_settings(MODERATION_TRUSTED_AFTER=3)
def test_a_new_accounts_first_statements_wait_even_under_post_moderation(resident):
    statement = submit(resident, OpinionMapFactory(moderation_mode=ModerationMode.POST))
    assert statement.is_pending


def test_the_text_is_sanitised_and_kept_on_one_line(resident):
    statement = submit(
        resident,
        OpinionMapFactory(moderation_mode=ModerationMode.POST),
        "<script>alert(1)</script>More   trees\nplease <b>now</b>",
    )
    assert "<script" not in statement.body_html and "<b>" not in statement.body_html
    assert statement.text == "<script>alert(1)</script>More trees please <b>now</b>"
    assert "<script" not in str(statement.html)


def test_280_characters_are_accepted_and_281_refused(resident):
    opinion_map = OpinionMapFactory()
    assert submit(resident, opinion_map, "a" * 280).text == "a" * 280
    with pytest.raises(ValidationError) as error:
        submit(resident, opinion_map, "b" * 281)
    assert error.value.code == "too_long"
    assert "281" in error.value.messages[0]


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty"), ("   \u200b ", "empty"), ("bad\x00byte", "invalid_characters")],
)
def test_empty_and_invalid_text_is_refused(resident, text, code):
    with pytest.raises(ValidationError) as error:
        submit(resident, OpinionMapFactory(), text)
    assert error.value.code == code
    assert not Statement.objects.exists()


def test_the_same_statement_twice_is_refused(resident):
    opinion_map = OpinionMapFactory()
    submit(resident, opinion_map, "More benches.")
    with pytest.raises(ValidationError) as error:
        submit(UserFactory(), opinion_map, "more   BENCHES.")
    assert error.value.code == "repeated"


def test_who_may_submit(resident):
    from django.contrib.auth.models import AnonymousUser

    opinion_map = OpinionMapFactory(accepts_statements=False)
    with pytest.raises(PermissionDenied, match="does not take new statements"):
        submit(resident, opinion_map)
    opinion_map.accepts_statements, opinion_map.status = True, MapStatus.CLOSED
    opinion_map.save()
    with pytest.raises(PermissionDenied, match="closed"):
        submit(resident, opinion_map)
    opinion_map.status = MapStatus.OPEN
    opinion_map.save()
    with pytest.raises(PermissionDenied):
        submit(AnonymousUser(), opinion_map)
    with pytest.raises(PermissionDenied, match="verify"):
        submit(UserFactory(verified=False), opinion_map)
    assert not Statement.objects.exists()


def test_the_chosen_language_is_recorded(resident):
    assert submit(resident, OpinionMapFactory(), "Plus de bancs.", language="fr").language == "fr"


# Detection itself is tested in tests/insights (lingua's models take seconds to load);
# here, that the statement records what it finds.
def test_the_language_is_detected_when_not_chosen(resident, monkeypatch):
    seen = []
    monkeypatch.setattr(
        "engage.opinions.services.detect_language", lambda text: seen.append(text) or "fr"
    )
    text = "Le parc a besoin de plus d'arbres."
    assert services.submit_statement(resident, OpinionMapFactory(), text).language == "fr"
    assert seen == [text]


@pytest.mark.parametrize("detected", [None, "xh"])  # undetermined; not a site language
def test_otherwise_the_page_language_is_recorded(resident, monkeypatch, detected):
    monkeypatch.setattr("engage.opinions.services.detect_language", lambda text: detected)
    statement = services.submit_statement(resident, OpinionMapFactory(), "12345 !!")
    assert statement.language == "en"


def test_a_statement_counts_as_taking_part_in_the_consultation(resident, consultation):
    opinion_map = OpinionMapFactory(scope=f"consultation:{consultation.pk}")
    submit(resident, opinion_map)
    assert Participation.objects.get(user=resident).did(Action.COMMENTED)


def test_statements_are_reported_hidden_and_appealed_like_comments(resident):
    opinion_map = OpinionMapFactory(moderation_mode=ModerationMode.POST)
    statement = submit(resident, opinion_map, "People from the estate ruin the park.")
    report_content(UserFactory(), statement, ReportReason.HATE)
    assert QueueItem.objects.open().get().kind == "statement"
    mod = with_totp(moderator())
    action = moderate(
        mod, statement, ActionKind.HIDE, reason="Blames a group.", public_reason="Blames a group."
    )
    statement.refresh_from_db()
    assert statement.state == StatementState.MODERATED_OUT
    made = appeal(resident, action, "I meant the litter, not the people.")
    decide_appeal(with_totp(moderator()), made, False, "Fair: it is about litter.")
    statement.refresh_from_db()
    assert (statement.status, statement.state) == (
        ContentStatus.PUBLISHED,
        StatementState.ACCEPTED,
    )


def test_an_author_withdraws_a_statement_and_it_leaves_the_map(resident):
    opinion_map = OpinionMapFactory(moderation_mode=ModerationMode.POST)
    statement = submit(resident, opinion_map)
    services.vote(UserFactory(), statement, 1)
    with pytest.raises(ValidationError):
        services.withdraw_statement(UserFactory(), statement)
    services.withdraw_statement(resident, statement)
    statement.refresh_from_db()
    assert (statement.status, statement.state, statement.text) == (
        ContentStatus.WITHDRAWN,
        StatementState.MODERATED_OUT,
        "",
    )
    assert statement.votes.count() == 1  # kept, counted for nothing


def test_statements_are_registered_for_moderation_and_text_signals(resident, consultation):
    assert moderation_registry.get_kind("statement") is Statement
    target = get_target("statement")
    opinion_map = OpinionMapFactory(scope=f"consultation:{consultation.pk}")
    statement = submit(resident, opinion_map)
    assert target.text(statement) == statement.text
    assert target.scope_values(statement)["consultation"] == consultation.pk
    assert target.language(statement) == "en"
    imported = Statement.objects.create(map=opinion_map, external_id="7", text="Imported.")
    assert target.text(imported) == ""  # analysed where it came from


def test_staff_add_seed_statements_published_and_skipping_repeats():
    staff = city_staff()
    opinion_map = OpinionMapFactory()
    created = services.add_seed_statements(
        staff,
        opinion_map,
        ["Open the gates earlier.", "", "open the gates earlier.", "Add a cafe."],
    )
    assert [s.text for s in created] == ["Open the gates earlier.", "Add a cafe."]
    assert all(s.is_seed and s.is_published and s.state == "accepted" for s in created)
    with pytest.raises(PermissionDenied):
        services.add_seed_statements(UserFactory(), opinion_map, ["Not staff."])


def test_imported_statements_keep_working_with_the_status_alias():
    opinion_map = OpinionMapFactory()
    statement = Statement.objects.create(
        map=opinion_map, external_id="3", text="x" * 400, state=StatementState.UNMODERATED
    )
    statement.full_clean()  # imported statements may be longer than 280 characters
    statement.state = StatementState.MODERATED_OUT
    statement.save()  # a full save without a status change keeps the state as set
    statement.refresh_from_db()
    assert (statement.status, statement.state) == (
        ContentStatus.PUBLISHED,
        StatementState.MODERATED_OUT,
    )


def test_the_statement_form_says_in_the_readers_language_that_a_moderator_reads_it():
    """Every part of its help text is a message of the catalogue (none hidden in an
    f-string, where makemessages does not look)."""
    from django.utils import translation

    from engage.opinions.forms import StatementForm

    with translation.override("ar"):
        help_text = str(StatementForm(pre_moderated=True).fields["text"].help_text)
        assert translation.gettext("A moderator reads it before others see it.") in help_text
    assert "moderator" not in help_text
    assert "مشرف" in help_text
    with translation.override("ar"):
        assert "مشرف" not in str(StatementForm(pre_moderated=False).fields["text"].help_text)
