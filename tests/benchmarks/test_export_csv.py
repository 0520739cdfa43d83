"""CSV export of 100,000 comments: rows per second against PostgreSQL's own
`COPY (SELECT …) TO STDOUT` of the same rows (psycopg3 `cursor.copy`), measured in the
same run; the export's peak resident memory (the kernel's VmHWM, reset before the
export, and VmRSS sampled after every chunk, above VmRSS before it; the lifetime peak
ru_maxrss for reference) and peak Python memory (tracemalloc) for 10,000 and 100,000
rows, which stay flat because rows stream (asserted, with room for buffers); and, for
reference, the portable path (`data.comment_rows` + csv.writer) that databases other
than PostgreSQL use.
"""

import gc
import resource
import time
import tracemalloc
from pathlib import Path

import pytest
from django.db import connection

from consultations.exports.data import EXPORTED_STATUSES, count_rows
from consultations.exports.writers import csvfile
from consultations.exports.writers.csvfile import csv_chunks
from consultations.models import Proposal
from tests.benchmarks.comment_data import bulk_authors, bulk_comments
from tests.benchmarks.conftest import best_of, report
from tests.factories import build_consultation

LARGE = 100_000
SMALL = 10_000

COPY_SQL = """
    COPY (
        SELECT c.id, c.parent_id, c.depth, c.proposal_id, p.title, c.author_id, c.language,
            c.status, c.created_at, c.edited_at, c.body_text
        FROM consultations_comment c
        LEFT JOIN consultations_proposal p ON p.id = c.proposal_id
        WHERE c.consultation_id = {pk} AND c.status IN ({statuses})
        ORDER BY p.sort_order NULLS FIRST, c.proposal_id, c.created_at, c.id
    ) TO STDOUT WITH (FORMAT csv, HEADER)
"""


def copy_out(consultation):
    statuses = ", ".join(f"'{status}'" for status in EXPORTED_STATUSES)
    sql = COPY_SQL.format(pk=int(consultation.pk), statuses=statuses)
    size = 0
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for block in copy:
            size += len(block)
    return size


def export_csv(consultation):
    return sum(len(chunk) for chunk in csv_chunks(consultation))


def vm_rss_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def reset_peak_rss():
    """Reset VmHWM, the kernel's peak resident set of this process (writing 5 to
    /proc/self/clear_refs, Linux 4.0 and later). False where it cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def vm_hwm_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def peak_rss_growth(consultation):
    """How far the process's resident memory rose during the export, in KiB: the kernel's
    own peak (VmHWM, reset just before) when it can be reset, which also catches a peak
    between two chunks; otherwise the highest VmRSS seen after any chunk. Both above
    VmRSS before the export."""
    gc.collect()
    before = peak = vm_rss_kib()
    reset = reset_peak_rss()
    for _chunk in csv_chunks(consultation):
        peak = max(peak, vm_rss_kib())
    if reset:
        peak = max(peak, vm_hwm_kib())
    return peak - before


def portable_rows_per_second(consultation, rows):
    writer = csvfile.csv.writer(csvfile._Line())
    start = time.perf_counter()
    for _count, _text in csvfile._written_rows(consultation, writer):
        pass
    return rows / (time.perf_counter() - start)


def peak_memory(consultation):
    tracemalloc.start()
    try:
        export_csv(consultation)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_csv_export_against_copy(consultation_index):
    large = build_consultation(consultation_index, title="Large")
    small = build_consultation(consultation_index, title="Small")
    proposals = [
        Proposal.objects.create(page=large, title=f"Proposal {n}", sort_order=n).pk
        for n in range(3)
    ]
    authors = bulk_authors()
    bulk_comments(large, LARGE, authors, proposals)
    bulk_comments(small, SMALL, authors)
    assert count_rows(large) == LARGE

    # Resident memory first, small then large: once a large export has run, freed memory
    # stays with the process and a later growth would look smaller than it is.
    rss_small = peak_rss_growth(small)
    rss_large = peak_rss_growth(large)
    ru_maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    baseline = best_of(lambda: copy_out(large), repeat=3)
    exported = best_of(lambda: export_csv(large), repeat=3)
    ru_maxrss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - ru_maxrss_before
    memory_small = peak_memory(small)
    memory_large = peak_memory(large)
    portable = portable_rows_per_second(large, LARGE)
    report(
        f"CSV export of {LARGE:,} comments",
        [
            ("COPY … TO STDOUT (baseline)", f"{LARGE / baseline:,.0f} rows/s"),
            ("CSV export (csv_chunks)", f"{LARGE / exported:,.0f} rows/s"),
            ("export rows/s as a share of COPY", f"{baseline / exported:.2f} (1 = as fast)"),
            ("export time / COPY time", f"{exported / baseline:.1f}x"),
            ("portable path (comment_rows + csv.writer)", f"{portable:,.0f} rows/s"),
            (f"peak VmRSS growth, {SMALL:,} rows", f"{rss_small:,} KiB"),
            (f"peak VmRSS growth, {LARGE:,} rows", f"{rss_large:,} KiB"),
            ("lifetime peak RSS (ru_maxrss) growth over 3 exports", f"{ru_maxrss_growth:,} KiB"),
            (f"peak Python memory, {SMALL:,} rows", f"{memory_small / 1024:,.0f} KiB"),
            (f"peak Python memory, {LARGE:,} rows", f"{memory_large / 1024:,.0f} KiB"),
            ("memory ratio large / small", f"{memory_large / memory_small:.2f}x for 10x rows"),
        ],
    )
    # Flat: ten times the rows (about 14 MB more CSV) may not cost ten times the memory.
    # The 8 MiB allow for the allocator's and the driver's buffers; the figures above
    # are the measure.
    assert rss_large <= rss_small + 8 * 1024, "resident memory grows with the rows"
    assert memory_large <= 2 * memory_small, "Python memory grows with the rows"
