"""CSV cells: formula neutralisation (ASCII and Unicode look-alikes), and the fast
PostgreSQL path (COPY) writes exactly what the portable path (comment_rows + csv.writer)
writes, on the same data."""

import csv
import datetime
import io
import sys
import unicodedata

import pytest
from django.db import connection
from django.utils import timezone

from consultations.exports.writers import csvfile
from consultations.models import Comment, CommentStatus, Proposal
from tests import factories
from tests.exports.conftest import comment

pytestmark = pytest.mark.django_db

FORMULAS = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    '\uff1dHYPERLINK("http://evil.example")',  # full-width =
    "\uff0b1",  # full-width +
    "\uff0d1",  # full-width -
    "\uff20SUM(A1)",  # full-width @
    "\ufe66 1",  # small equals sign
    "\ufe62 1",  # small plus sign
    "\ufe63 1",  # small hyphen-minus
    "\u207c1",  # superscript equals
    "\u22121",  # minus sign
    " =1+1",  # behind a space
    "\u200b=1+1",  # behind a zero-width space
    "\ufeff\u3000\uff1d1",  # behind a BOM and an ideographic space
    "\u202e=1",  # behind a right-to-left override
]
PLAIN = ["Yes, wider", "1 = 1", "a=b", "'quoted", "", "Ｈｅｌｌｏ", "\u200bhello", "نعم"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formulas_and_their_look_alikes_are_neutralised(text):
    assert csvfile.safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_left_alone(text):
    assert csvfile.safe_cell(text) == text
    assert csvfile.safe_cell(3) == 3 and csvfile.safe_cell(None) is None


def test_every_look_alike_and_invisible_character_is_covered():
    """Anything Unicode folds (NFKC) to = + - @ starts a formula; anything invisible
    (white space, format characters) in front of one is skipped."""
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        if unicodedata.normalize("NFKC", character) in ("=", "+", "-", "@"):
            assert csvfile.safe_cell(character + "1") == "'" + character + "1", hex(code)
        if character.isspace() or unicodedata.category(character) == "Cf":
            assert csvfile.safe_cell(character + "=1") == "'" + character + "=1", hex(code)


def portable(consultation):
    writer = csv.writer(csvfile._Line())
    return "".join(text for _count, text in csvfile._written_rows(consultation, writer))


def copied(consultation):
    return "".join(text for _count, text in csvfile._copied_rows(consultation, None))


@pytest.mark.postgres
def test_copy_writes_what_the_portable_path_writes(heard):
    assert connection.vendor == "postgresql"
    consultation = heard.consultation
    author = heard.authors[0]
    tricky = FORMULAS + PLAIN + ['He said "no", then left', "two\nlines", "cr\ronly", "é,ü"]
    for minutes, text in enumerate(tricky):
        comment(consultation, author, text=text, minutes=100 + minutes)
    # Whole seconds (no microseconds) are written without a fraction, as isoformat does.
    Comment.objects.filter(pk=heard.comments["general"].pk).update(
        created_at=datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC),
        edited_at=timezone.now(),
    )
    Proposal.objects.filter(pk=heard.proposals[0].pk).update(title="=Proposal title")
    fast, slow = copied(consultation), portable(consultation)
    assert fast == slow
    rows = list(csv.reader(io.StringIO(fast)))
    assert (
        len(rows)
        == Comment.objects.filter(
            consultation=consultation,
            status__in=[CommentStatus.PUBLISHED, CommentStatus.WITHDRAWN],
        ).count()
    )
    texts = {row[-1] for row in rows}
    assert {"'" + text for text in FORMULAS} <= texts
    assert "two\nlines" in texts and "cr\ronly" in texts
    assert "'=Proposal title" in {row[4] for row in rows}


@pytest.mark.postgres
def test_copy_numbers_participants_and_fills_cells_as_the_portable_path(heard):
    """Participant numbers follow first appearance in export order, also when two
    authors' first comments share a proposal and a time (the comment id decides) and
    when comment ids run against time; proposals without a sort order come first with
    the general discussion; a deleted author's comment has no number; empty texts,
    titles and languages are empty cells, not `""`; reaction counts and edit times."""
    from consultations.engagement.models import Reaction

    consultation = heard.consultation
    alice, bob, carol = heard.authors
    dave, erin = factories.UserFactory(), factories.UserFactory()
    unsorted = Proposal.objects.create(page=consultation, title="No order, yet", sort_order=None)
    untitled = Proposal.objects.create(page=consultation, title="", sort_order=5)
    comment(consultation, bob, untitled, text="Under an untitled proposal")
    same = datetime.datetime(2026, 2, 1, 12, 0, 0, 250000, tzinfo=datetime.UTC)
    # Dave's account is older (a lower user id), erin's first comment has the lower id:
    # at the same time in the same proposal, the comment id decides.
    late = comment(consultation, erin, unsorted, text="Same time, lower comment id")
    early = comment(consultation, dave, unsorted, text="", language="")
    Comment.objects.filter(pk__in=[late.pk, early.pk]).update(created_at=same)
    erin_again = comment(consultation, erin, unsorted, text="Erin again, same time")
    Comment.objects.filter(pk=erin_again.pk).update(created_at=same)
    gone = comment(consultation, carol, unsorted, text="Author deleted later")
    Comment.objects.filter(pk=gone.pk).update(author=None, edited_at=timezone.now())
    Reaction.objects.create(user=bob, consultation=consultation, comment=late, value="unsure")
    Reaction.objects.create(user=alice, consultation=consultation, comment=late, value="oppose")

    fast, slow = copied(consultation), portable(consultation)
    assert fast == slow
    rows = list(csv.reader(io.StringIO(fast)))
    by_id = {int(row[0]): row for row in rows}
    # A proposal without a sort order comes first (before the general discussion).
    assert int(rows[0][0]) == late.pk
    assert by_id[late.pk][5] == "1" and by_id[early.pk][5] == "2"
    assert by_id[gone.pk][5] == "" and by_id[gone.pk][9]
    assert by_id[early.pk][13] == "" and by_id[early.pk][6] == ""
    assert ',"",' not in fast
    assert by_id[late.pk][10:13] == ["0", "1", "1"]


@pytest.mark.postgres
def test_an_export_without_comments_is_a_header(consultation):
    chunks = list(csvfile.csv_chunks(consultation))
    assert chunks == [",".join(csvfile.data.COLUMNS) + "\n"]
    assert copied(consultation) == portable(consultation) == ""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_copy_stopped_early_leaves_the_connection_as_it_was(consultation, monkeypatch):
    """A download abandoned half-way (the browser went away) cancels the COPY; the
    connection is usable again, with JIT as before (the export turns it off)."""
    author = factories.UserFactory()
    for minutes in range(5):
        comment(consultation, author, text=f"Comment {minutes}", minutes=minutes)
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    monkeypatch.setattr(csvfile, "ROWS_PER_CHUNK", 2)
    chunks = csvfile.csv_chunks(consultation)
    assert next(chunks) == ",".join(csvfile.data.COLUMNS) + "\n"
    assert next(chunks).count("\n") == 2
    chunks.close()
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == jit
    assert len(list(csvfile.csv_chunks(consultation))) == 4  # header and 2 + 2 + 1 rows
