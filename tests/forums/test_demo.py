"""The demo forum content: seeded with the demo city, once."""

import io

import pytest
from django.core.management import call_command

from engage.communities.models import Participation
from forums import demo
from forums.models import FactCheck, Thread, Topic

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_a_checked_claim_once(client, demo_city):
    counts = [Topic.objects.count(), Thread.objects.count(), FactCheck.objects.count()]
    assert counts[0] == 3
    # forums/demo/threads.yaml adds more threads; this is the claim of forums.yaml.
    claim = Thread.objects.get(title__startswith="I heard the new flats on Mill Road")
    assert claim.posts.count() == 2
    assert FactCheck.objects.published().get(thread=claim)
    assert (
        Participation.objects.filter(scope_type="forum", scope_id=str(claim.forum_id)).count() >= 3
    )
    demo.seed()
    call_command("seed_demo", stdout=io.StringIO())
    assert [Topic.objects.count(), Thread.objects.count(), FactCheck.objects.count()] == counts
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "verdict--false" in page and "Northbridge housing allocation policy" in page
