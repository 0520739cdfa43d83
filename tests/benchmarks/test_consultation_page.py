"""A consultation page with 10,000 comments: server time per request (Django test
client, median of N GETs) as a ratio to a plain content page (home.StandardPage)
measured in the same run, for an anonymous reader, for a signed-in resident who may
comment and react, and for one who has taken part (reacted to a comment on the page:
they get the section shared by signed-in readers with their own card laid over it,
consultations.comment_section); the page weight at 20 and at 10,000 comments (it grows
with the cards shown, at most 20 per thread, not with the comments); the number of SQL
queries of each, which must not grow with the comments (asserted). The two pages are
requested in turn (standard, consultation, standard, ...) so that a busy machine slows
both alike; the process CPU time per request is reported beside the wall-clock time,
being less disturbed by other processes."""

import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from consultations import thread_cache
from consultations.engagement.services import react
from consultations.models import Comment, Proposal
from home.models import StandardPage
from tests.benchmarks.comment_data import bulk_authors, bulk_comments
from tests.benchmarks.conftest import report
from tests.factories import UserFactory, build_consultation

COMMENTS = 10_000
FEW = 20
REQUESTS = 15


def median_times(client, *urls):
    """{url: (median wall-clock seconds, median CPU seconds)}, the urls requested in turn."""
    timings = {url: ([], []) for url in urls}
    for _ in range(REQUESTS):
        for url in urls:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings[url][0].append(time.perf_counter() - start)
            timings[url][1].append(time.process_time() - start_cpu)
            assert response.status_code == 200
    return {url: tuple(map(statistics.median, pair)) for url, pair in timings.items()}


def weight_and_queries(client, url):
    """(bytes, queries, comment cards) of the page, warmed up."""
    client.get(url)  # warm up (templates, content types, fragment cache)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.content), len(captured), response.content.count(b'class="comment"')


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
    anonymous, signed_in, taking_part = Client(), Client(), Client()
    signed_in.force_login(UserFactory())
    participant = UserFactory()
    taking_part.force_login(participant)
    readers = (("anonymous", anonymous), ("signed in", signed_in), ("taken part", taking_part))
    standard_url, consultation_url = standard.url, consultation.url

    bulk_comments(consultation, FEW, authors, proposals)
    react(
        participant,
        Comment.objects.filter(consultation=consultation).latest("created_at"),
        "support",
    )
    few = {name: weight_and_queries(client, consultation_url) for name, client in readers}
    bulk_comments(consultation, COMMENTS - FEW, authors, proposals)
    # Raw SQL inserts send no post_save: drop the cached thread pages as a write would.
    thread_cache.invalidate(consultation.pk)
    react(
        participant,
        Comment.objects.filter(consultation=consultation).latest("created_at"),
        "support",
    )
    many = {name: weight_and_queries(client, consultation_url) for name, client in readers}

    rows = []
    for name, client in readers:
        client.get(standard_url)  # warm up
        times = median_times(client, standard_url, consultation_url)
        (baseline, baseline_cpu), (busy, busy_cpu) = times[standard_url], times[consultation_url]
        rows += [
            (f"{name}: standard page (baseline)", f"{baseline * 1000:.1f} ms"),
            (f"{name}: consultation page", f"{busy / baseline:.2f}x baseline time"),
            (f"{name}: consultation page, absolute", f"{busy * 1000:.1f} ms"),
            (
                f"{name}: CPU time, standard / consultation",
                f"{baseline_cpu * 1000:.1f} / {busy_cpu * 1000:.1f} ms "
                f"({busy_cpu / baseline_cpu:.2f}x)",
            ),
            (
                f"{name}: page weight, {FEW} / {COMMENTS:,} comments",
                f"{few[name][0] / 1024:.0f} KB / {many[name][0] / 1024:.0f} KB",
            ),
            (
                f"{name}: cards shown, {FEW} / {COMMENTS:,} comments",
                f"{few[name][2]} / {many[name][2]} "
                f"({(many[name][0] - few[name][0]) / max(1, many[name][2] - few[name][2]):.0f} "
                "bytes per extra card)",
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
