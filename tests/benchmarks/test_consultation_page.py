"""A consultation page with 10,000 comments: server time per request (Django test
client, median of N GETs) as a ratio to a plain content page (home.StandardPage)
measured in the same run, for an anonymous reader and for a signed-in resident who may
comment and react; the page weight at 20 and at 10,000 comments; the number of SQL
queries of each, which must not grow with the comments (asserted)."""

import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from consultations import thread_cache
from consultations.models import Proposal
from home.models import StandardPage
from tests.benchmarks.comment_data import bulk_authors, bulk_comments
from tests.benchmarks.conftest import report
from tests.factories import UserFactory, build_consultation

COMMENTS = 10_000
FEW = 20
REQUESTS = 15


def median_time(client, url):
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    return statistics.median(timings)


def weight_and_queries(client, url):
    client.get(url)  # warm up (templates, content types, fragment cache)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.content), len(captured)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_consultation_page_against_standard_page(home_page, consultation_index):
    standard = StandardPage(title="How to take part", slug="how-to-take-part", intro="Plainly.")
    home_page.add_child(instance=standard)
    standard.save_revision().publish()
    consultation = build_consultation(consultation_index, title="Busy consultation")
    proposals = [
        Proposal.objects.create(page=consultation, title=f"Proposal {n}", sort_order=n).pk
        for n in range(3)
    ]
    authors = bulk_authors()
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(UserFactory())
    standard_url, consultation_url = standard.url, consultation.url

    bulk_comments(consultation, FEW, authors, proposals)
    few = {
        name: weight_and_queries(client, consultation_url)
        for name, client in (("anonymous", anonymous), ("signed in", signed_in))
    }
    bulk_comments(consultation, COMMENTS - FEW, authors, proposals)
    # Raw SQL inserts send no post_save: drop the cached thread pages as a write would.
    thread_cache.invalidate(consultation.pk)
    many = {
        name: weight_and_queries(client, consultation_url)
        for name, client in (("anonymous", anonymous), ("signed in", signed_in))
    }

    rows = []
    for name, client in (("anonymous", anonymous), ("signed in", signed_in)):
        client.get(standard_url)  # warm up
        baseline = median_time(client, standard_url)
        busy = median_time(client, consultation_url)
        rows += [
            (f"{name}: standard page (baseline)", f"{baseline * 1000:.1f} ms"),
            (f"{name}: consultation page", f"{busy / baseline:.2f}x baseline time"),
            (f"{name}: consultation page, absolute", f"{busy * 1000:.1f} ms"),
            (
                f"{name}: page weight, {FEW} / {COMMENTS:,} comments",
                f"{few[name][0] / 1024:.0f} KB / {many[name][0] / 1024:.0f} KB",
            ),
            (
                f"{name}: queries, standard / {FEW} / {COMMENTS:,} comments",
                f"{weight_and_queries(client, standard_url)[1]} / {few[name][1]} / {many[name][1]}",
            ),
        ]
    report(
        f"consultation page with {COMMENTS:,} comments ({len(proposals)} proposals), "
        f"median of {REQUESTS} GETs",
        rows,
    )
    for name in few:
        assert many[name][1] == few[name][1], f"{name}: queries grow with the comments"
