"""A consultation page with 10,000 comments: server time per request (Django test
client, median of N GETs) as a ratio to a plain content page (home.StandardPage)
measured in the same run, and the number of SQL queries of each."""

import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import Proposal
from home.models import StandardPage
from tests.benchmarks.comment_data import bulk_authors, bulk_comments
from tests.benchmarks.conftest import report
from tests.factories import build_consultation

COMMENTS = 10_000
REQUESTS = 15


def median_time(client, url):
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    return statistics.median(timings)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_consultation_page_against_standard_page(client, home_page, consultation_index):
    standard = StandardPage(title="How to take part", slug="how-to-take-part", intro="Plainly.")
    home_page.add_child(instance=standard)
    standard.save_revision().publish()
    consultation = build_consultation(consultation_index, title="Busy consultation")
    proposals = [
        Proposal.objects.create(page=consultation, title=f"Proposal {n}", sort_order=n).pk
        for n in range(3)
    ]
    bulk_comments(consultation, COMMENTS, bulk_authors(), proposals)

    standard_url, consultation_url = standard.url, consultation.url
    client.get(standard_url)  # warm up (templates, content types)
    client.get(consultation_url)
    baseline = median_time(client, standard_url)
    busy = median_time(client, consultation_url)
    report(
        f"consultation page with {COMMENTS:,} comments ({len(proposals)} proposals), "
        f"median of {REQUESTS} GETs",
        [
            ("standard page (baseline)", f"{baseline * 1000:.1f} ms"),
            ("consultation page", f"{busy / baseline:.2f}x baseline time"),
            ("consultation page, absolute", f"{busy * 1000:.1f} ms"),
            ("queries: standard page", queries(client, standard_url)),
            ("queries: consultation page", queries(client, consultation_url)),
        ],
    )
