"""Resident pages (report, appeal) and the moderation workspace in the Wagtail admin."""

import html

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from engage.moderation import services
from engage.moderation.content import ContentStatus
from engage.moderation.models import (
    AccountNote,
    ActionKind,
    Appeal,
    ModerationAction,
    QueueItem,
    Report,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def report_url(comment, lang="en"):
    with override_settings(LANGUAGE_CODE=lang):
        return f"/{lang}/moderation/report/comment/{comment.pk}/"


def test_report_link_shows_on_published_comments_of_others(client, comment, author):
    reader = UserFactory()
    client.force_login(reader)
    page = client.get(comment.consultation.url)
    assert report_url(comment) in page.content.decode()
    client.force_login(author)
    assert report_url(comment) not in client.get(comment.consultation.url).content.decode()


def test_report_form_works_without_javascript(client, comment):
    client.force_login(UserFactory())
    form = client.get(report_url(comment))
    assert form.status_code == 200
    html = form.content.decode()
    assert html.count("<h1") == 1
    assert 'type="radio"' in html and 'name="reason"' in html
    response = client.post(report_url(comment), {"reason": "abuse", "note": ""})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert Report.objects.get().reason == "abuse"
    again = client.post(report_url(comment), {"reason": "spam"}, follow=True)
    assert "already reported" in again.content.decode()
    assert Report.objects.count() == 1


def test_report_form_errors_are_summarised_and_nothing_is_saved(client, comment):
    client.force_login(UserFactory())
    response = client.post(report_url(comment), {"reason": "other", "note": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and 'aria-invalid="true"' in html
    assert "what is wrong with it" in html
    assert not Report.objects.exists()


def test_reporting_a_missing_or_removed_comment_says_so(client, comment, mod):
    client.force_login(UserFactory())
    missing = client.get(f"/en/moderation/report/comment/{comment.pk + 1000}/")
    assert missing.status_code == 404 and "could not find" in missing.content.decode()
    services.moderate(mod, comment, ActionKind.REMOVE, public_reason="Abuse.")
    removed = client.post(report_url(comment), {"reason": "spam"})
    assert removed.status_code == 410 and "already been removed" in removed.content.decode()
    assert not Report.objects.exists()


def test_anonymous_visitors_are_asked_to_log_in_to_report(client, comment):
    response = client.get(report_url(comment))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_report_page_is_translated(client, comment):
    client.force_login(UserFactory())
    french = client.get(report_url(comment, "fr"))
    assert french.status_code == 200
    assert '<html lang="fr"' in french.content.decode()


def test_author_appeals_from_the_link_in_the_email(
    client, comment, author, mod, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        action = services.moderate(mod, comment, ActionKind.HIDE, public_reason="Off topic.")
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/appeals/new/" in line)
    path = link.split("testserver", 1)[1]
    client.force_login(author)
    assert client.get(path).status_code == 200
    response = client.post(path, {"text": "It was about the park."})
    assert response.status_code == 302
    assert Appeal.objects.get().action == action
    listing = client.get(reverse("moderation:my_decisions"))
    # The author reads Engage in French (their preferred language).
    with translation.override("fr"):
        appealed = gettext("You have appealed. A moderator will decide and email you.")
    assert appealed in html.unescape(listing.content.decode())
    client.force_login(UserFactory())
    assert client.get(path).status_code == 404


# The admin workspace


@pytest.fixture
def admin_client(client, mod):
    client.force_login(mod)
    return client


def test_queue_lists_oldest_first_with_filters(admin_client, make_comment, consultation):
    from consultations.services import post_comment

    first = post_comment(UserFactory(), consultation, "First in the queue")
    second = post_comment(UserFactory(), consultation, "Second in the queue", language="fr")
    response = admin_client.get(reverse("engage_moderation:queue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("First in the queue") < html.index("Second in the queue")
    assert 'id="item-' in html and "<label" in html
    french = admin_client.get(reverse("engage_moderation:queue") + "?language=fr&source=pre")
    assert "Second in the queue" in french.content.decode()
    assert "First in the queue" not in french.content.decode()
    reported = admin_client.get(reverse("engage_moderation:queue") + "?source=reported")
    assert "First in the queue" not in reported.content.decode()
    assert first.pk and second.pk


def test_item_page_records_a_decision_and_moves_on(admin_client, consultation, mod):
    from consultations.services import post_comment

    comment = post_comment(UserFactory(), consultation, "Please approve me")
    post_comment(UserFactory(), consultation, "Next one")
    item = QueueItem.objects.open().oldest_first().first()
    url = reverse("engage_moderation:item", args=[item.pk])
    assert "Please approve me" in admin_client.get(url).content.decode()
    bad = admin_client.post(url, {"action": "hide", "public_reason": ""})
    assert bad.status_code == 400 and "reason the author will be given" in bad.content.decode()
    response = admin_client.post(url, {"action": "approve"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == ContentStatus.PUBLISHED
    assert ModerationAction.objects.get().moderator == mod


def test_bulk_actions_remove_a_spam_wave(admin_client, consultation):
    from consultations.services import post_comment

    for n in range(4):
        post_comment(UserFactory(), consultation, f"Cheap pills {n}")
    ids = list(QueueItem.objects.open().values_list("pk", flat=True))
    response = admin_client.post(
        reverse("engage_moderation:bulk"),
        {"items": ids[:3], "action": "remove", "public_reason": "Spam."},
        follow=True,
    )
    assert "3 items decided" in response.content.decode()
    assert QueueItem.objects.open().count() == 1
    nothing = admin_client.post(reverse("engage_moderation:bulk"), {"action": "remove"})
    assert nothing.status_code == 302


def test_account_notes_are_for_moderators(admin_client, client, author):
    url = reverse("engage_moderation:account", args=[author.pk])
    response = admin_client.post(url, {"note": "1", "text": "Warned by phone."})
    assert response.status_code == 302
    assert AccountNote.objects.get().text == "Warned by phone."
    assert "Warned by phone." in admin_client.get(url).content.decode()


def test_appeal_is_decided_in_the_admin_by_another_moderator(
    client, comment, author, mod, second_mod
):
    action = services.moderate(mod, comment, ActionKind.HIDE, public_reason="Off topic.")
    appeal = services.appeal(author, action, "It was on topic.")
    url = reverse("engage_moderation:appeal", args=[appeal.pk])
    client.force_login(mod)
    assert "a different moderator has to decide" in client.get(url).content.decode()
    refused = client.post(url, {"uphold": "0", "note": "x"})
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    appeal.refresh_from_db()
    assert appeal.is_open
    client.force_login(second_mod)
    assert client.post(url, {"uphold": "0", "note": "Fair point."}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == ContentStatus.PUBLISHED


def test_dashboard_shows_queue_health(admin_client, comment, mod, consultation):
    from consultations.services import post_comment

    pending = post_comment(UserFactory(), consultation, "Waiting")
    services.moderate(mod, pending, ActionKind.APPROVE)
    post_comment(UserFactory(), consultation, "Still waiting")
    response = admin_client.get(reverse("engage_moderation:dashboard"))
    assert response.status_code == 200
    health = response.context["health"]
    assert health["open_total"] == 1
    assert health["median_time_to_decision"] is not None
    assert [count for _slug, _label, count in health["open_by_age"]] == [1, 0, 0, 0]


def test_audit_trail_is_read_only_in_the_admin(admin_client, comment, mod, second_mod):
    entry = services.moderate(second_mod, comment, ActionKind.HIDE, public_reason="x")
    assert admin_client.get(reverse("moderation_audit:index")).status_code == 200
    assert admin_client.get(reverse("moderation_audit:inspect", args=[entry.pk])).status_code == 200
    assert admin_client.get(reverse("moderation_audit:edit", args=[entry.pk])).status_code != 200
    admin_client.post(reverse("moderation_audit:delete", args=[entry.pk]))
    assert ModerationAction.objects.filter(pk=entry.pk).exists()


def test_queue_pages_cost_the_same_queries_however_long_the_queue(admin_client, consultation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from consultations.services import post_comment

    def count_queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(url).status_code == 200
        return len(captured)

    urls = [reverse("engage_moderation:queue"), "/api/v1/moderation/queue/"]
    post_comment(UserFactory(), consultation, "One")
    few = [count_queries(url) for url in urls]
    for n in range(6):
        post_comment(UserFactory(), consultation, f"More {n}")
    assert [count_queries(url) for url in urls] == few


def test_report_form_help_text_is_in_the_language_of_the_request():
    from engage.moderation.forms import ReportForm

    with translation.override("en"):
        english = str(ReportForm().fields["note"].help_text)
    with translation.override("fr"):
        french = str(ReportForm().fields["note"].help_text)
    assert "1000" in english and "1000" in french
    assert english != french
