"""A Redis outage never turns a committed write into an error.

The outage is real, not mocked: the cache and the channel layer point at a port on which
nothing listens (found at run time), so every call gets "connection refused".
"""

import logging

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from consultations.following.models import Follow
from consultations.models import Comment, ModerationMode
from consultations.services import post_comment
from engage.after_commit import on_commit_safely
from tests.factories import UserFactory, build_consultation
from tests.liveserver import free_closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def engage_log(caplog):
    """The `engage` logger does not propagate (settings.LOGGING); listen to it directly."""
    logger = logging.getLogger("engage")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.WARNING, logger="engage")
    yield caplog
    logger.removeHandler(caplog.handler)


@pytest.fixture
def redis_down(settings):
    """The cache and the channel layer, configured as in production, on a closed port."""
    from engage.settings.realtime import cache_and_channel_layers

    url = f"redis://127.0.0.1:{free_closed_port()}/0"
    settings.CACHES, settings.CHANNEL_LAYERS = cache_and_channel_layers(url, prefix="outage")
    return url


def test_a_failing_after_commit_step_is_logged_and_the_others_still_run(
    engage_log, django_capture_on_commit_callbacks
):
    ran = []

    def fail():
        raise ConnectionError("Redis is away")

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            on_commit_safely(lambda: ran.append("first"), "first step")
            on_commit_safely(fail, "cache bump")
            on_commit_safely(lambda: ran.append("last"), "last step")
        assert ran == []  # nothing before the commit
    assert ran == ["first", "last"]
    [record] = [r for r in engage_log.records if r.name == "engage.after_commit"]
    assert "cache bump" in record.getMessage()
    assert record.exc_info[0] is ConnectionError


def test_a_comment_posted_while_redis_is_unreachable_is_saved_and_redirects(
    client, consultation_index, redis_down, engage_log, django_capture_on_commit_callbacks
):
    page = build_consultation(
        consultation_index, title="Park benches", moderation_mode=ModerationMode.POST
    )
    amina, bilal = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        parent = post_comment(amina, page, "More benches please.")
    client.force_login(bilal)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("consultations:comment_reply", kwargs={"pk": parent.pk}),
            {"text": "Agreed, near the pond.", "language": "en"},
        )

    assert response.status_code == 302, response.content[:300]
    reply = Comment.objects.get(parent=parent)
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    assert len(callbacks) >= 3  # report cache bump, notification email, live update
    # The steps that do not need Redis ran: the reply notification went out, and the
    # author follows the consultation.
    [email] = mail.outbox
    assert email.to == [amina.email]
    assert Follow.objects.filter(user=bilal, consultation=page).exists()
    # The outage was logged, not raised: by the cache and by the live update.
    names = {record.name for record in engage_log.records}
    assert {"engage.cache", "engage.realtime"} <= names, names

    # Pages (whose URLs Wagtail caches in Redis) still render during the outage.
    assert client.get(response["Location"].split("#")[0]).status_code == 200
    assert client.get(page.url).status_code == 200
