"""Consultation cards on the index and home pages: image with its text alternative or
a pattern, counts of proposals and published comments, a compact timeline, and a
fixed number of queries whatever the number of cards."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.demo.images import library_image
from consultations.models import Comment, CommentStatus, ConsultationPage
from engage.demo.data import DemoContext
from tests.factories import ProposalFactory, UserFactory, build_consultation

pytestmark = pytest.mark.django_db

PICTURE = Path(__file__).resolve().parents[2] / "consultations/demo/pictures/riverside-park.png"


def comment(consultation, status, author):
    return Comment.objects.create(
        consultation=consultation,
        author=author,
        body_text="A view",
        body_html="<p>A view</p>",
        language="en",
        status=status,
    )


def test_cards_count_proposals_and_published_comments_only(client, consultation):
    author = UserFactory()
    ProposalFactory(page=consultation)
    ProposalFactory(page=consultation)
    comment(consultation, CommentStatus.PUBLISHED, author)
    comment(consultation, CommentStatus.PENDING, author)
    card = ConsultationPage.objects.filter(pk=consultation.pk).for_cards().get()
    assert (card.proposal_count, card.published_comment_count) == (2, 1)
    html = client.get("/en/consultations/").content.decode()
    # The counts are isolated from the words around them (<bdi>, for right-to-left pages).
    assert "<bdi>2</bdi> proposals" in html
    assert "<bdi>1</bdi> comment<" in html


def test_card_shows_the_image_with_its_description_or_else_its_title(client, consultation):
    consultation.image = library_image(PICTURE, "Riverside Park, drawn", DemoContext())
    consultation.save_revision().publish()
    html = client.get("/en/consultations/").content.decode()
    assert 'alt="Riverside Park, drawn"' in html
    assert "fill-800x450" in html

    consultation.image_alt = "A park by a river"
    consultation.save_revision().publish()
    html = client.get("/en/consultations/").content.decode()
    assert 'alt="A park by a river"' in html


def test_image_text_in_a_fallback_language_carries_its_lang_and_dir(client, consultation):
    """An Urdu reader of a picture described only in English gets the English text
    marked as English, left to right, so its full stop stays at its end."""
    consultation.image = library_image(PICTURE, "Riverside Park, drawn", DemoContext())
    consultation.image_alt_en = "A park by a river."
    consultation.save_revision().publish()
    image = re.compile(r"<img [^>]*fill-800x450[^>]*>")

    urdu = image.search(client.get("/ur/consultations/").content.decode()).group()
    assert 'alt="A park by a river."' in urdu
    assert 'lang="en"' in urdu and 'dir="ltr"' in urdu
    english = image.search(client.get("/en/consultations/").content.decode()).group()
    assert "lang=" not in english and "dir=" not in english

    consultation.image_alt_ur = "دریا کے کنارے ایک پارک۔"
    consultation.save_revision().publish()
    urdu = image.search(client.get("/ur/consultations/").content.decode()).group()
    assert 'alt="دریا کے کنارے ایک پارک۔"' in urdu
    assert "lang=" not in urdu and "dir=" not in urdu


def test_card_without_image_shows_a_decorative_pattern_of_its_status(client, consultation):
    html = client.get("/en/consultations/").content.decode()
    assert f'class="art art--tone-{consultation.art_tone} art--open" aria-hidden="true"' in html
    assert "<img" not in html.split('<main id="main-content"')[1]


def test_card_timeline_marks_the_current_phase(client, consultation_index):
    build_consultation(consultation_index, title="Not open yet", opens_in_days=3)
    html = client.get("/en/consultations/?status=upcoming").content.decode()
    current = html.split('aria-current="step"')[1].split("</li>")[0]
    assert "Announced" in current


def test_index_reads_the_same_number_of_queries_for_two_or_six_cards(client, consultation_index):
    def queries_for_index():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/en/consultations/")
        assert response.status_code == 200
        return len(captured)

    picture = library_image(PICTURE, "A picture", DemoContext())
    for number in range(2):
        page = build_consultation(consultation_index, title=f"Consultation {number}")
        page.image = picture
        page.save_revision().publish()
    client.get("/en/consultations/")  # renditions are made on the first view
    few = queries_for_index()
    for number in range(2, 6):
        page = build_consultation(consultation_index, title=f"Consultation {number}")
        if number % 2:
            page.image = picture
            page.save_revision().publish()
    client.get("/en/consultations/")
    assert queries_for_index() == few
