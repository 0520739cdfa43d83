"""Documents attached to a consultation are listed on its page, in one query."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from consultations.models import ConsultationDocument

pytestmark = pytest.mark.django_db


def attach(consultation, title, description=""):
    document = get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 plan", name=f"{title}.pdf")
    )
    return ConsultationDocument.objects.create(
        page=consultation, document=document, description=description
    )


def test_documents_are_listed_with_type_and_description(client, consultation):
    attach(consultation, "Full plan", description="The whole plan, 24 pages.")
    html = client.get(consultation.url).content.decode()
    assert 'id="documents-heading"' in html
    assert "Full plan" in html
    assert "(PDF" in html  # the type, so people know before they download
    assert "13\xa0bytes" in html  # and the size
    assert "The whole plan, 24 pages." in html


def test_a_page_without_documents_has_no_documents_section(client, consultation):
    assert 'id="documents-heading"' not in client.get(consultation.url).content.decode()


def test_more_documents_do_not_add_queries(client, consultation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The first view stores each new file's size (uploads through the admin store it at
    # once), so each count is taken on a second view.
    attach(consultation, "Plan")
    client.get(consultation.url)
    with CaptureQueriesContext(connection) as one:
        client.get(consultation.url)
    for number in range(5):
        attach(consultation, f"Annex {number}")
    client.get(consultation.url)
    with CaptureQueriesContext(connection) as six:
        html = client.get(consultation.url).content.decode()
    assert len(six) == len(one)
    # The documents are cached with the page (page_context.about): a new one shows at once.
    assert all(f"Annex {number}" in html for number in range(5))
