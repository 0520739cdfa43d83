"""Flags from text analysis carry their abuse categories to the moderation queue: stored
on the queue item, merged on a re-flag, shown as translated labels on the queue pages
and in the queue API (the report reason stays the hate/abuse mapping for filters)."""

import pytest
from django.urls import reverse
from django.utils import translation

from engage.moderation import services
from engage.moderation.models import FlagCategory, QueueItem, QueueSource, ReportReason

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client, mod):
    client.force_login(mod)
    return client


def test_flag_content_stores_the_categories_sorted(comment):
    item = services.flag_content(comment, ReportReason.ABUSE, categories=["threat", "profanity"])
    item.refresh_from_db()
    assert item.source == QueueSource.FLAGGED
    assert item.report_reason == ReportReason.ABUSE
    assert item.flag_categories == ["profanity", "threat"]


def test_flagging_an_open_item_again_merges_the_categories(comment):
    first = services.flag_content(comment, ReportReason.ABUSE, categories=["threat"])
    second = services.flag_content(comment, ReportReason.HATE, categories=["slur", "threat"])
    assert second.pk == first.pk
    item = QueueItem.objects.get(pk=first.pk)
    assert item.flag_categories == ["slur", "threat"]
    assert item.report_reason == ReportReason.ABUSE  # the first reason stays for filters
    assert QueueItem.objects.for_content(comment).open().count() == 1


def test_labels_are_translated():
    item = QueueItem(flag_categories=["dehumanisation", "threat"])
    assert item.flag_category_labels == ["Dehumanisation", "Threat"]
    assert set(FlagCategory.values) == {
        "derogation",
        "dehumanisation",
        "threat",
        "slur",
        "profanity",
        "other",
    }
    with translation.override("fr"):
        assert all(isinstance(label, str) for label in item.flag_category_labels)


def test_queue_page_item_page_and_api_show_the_categories(moderator_client, comment):
    item = services.flag_content(comment, ReportReason.HATE, categories=["threat", "slur"])
    queue = moderator_client.get(reverse("engage_moderation:queue") + "?source=flagged")
    assert queue.status_code == 200
    assert "Flagged as: Slur, Threat" in queue.content.decode()
    page = moderator_client.get(reverse("engage_moderation:item", args=[item.pk]))
    assert "flagged as: Slur, Threat" in page.content.decode()
    api = moderator_client.get("/api/v1/moderation/queue/")
    assert api.status_code == 200
    [row] = [row for row in api.json()["items"] if row["id"] == item.pk]
    assert row["flag_categories"] == ["slur", "threat"]
    assert row["flag_category_labels"] == ["Slur", "Threat"]
    assert row["report_reason"] == ReportReason.HATE


def test_a_report_only_item_shows_no_flag_line(moderator_client, comment):
    services.flag_content(comment, ReportReason.SPAM)
    queue = moderator_client.get(reverse("engage_moderation:queue"))
    assert "Flagged as:" not in queue.content.decode()
