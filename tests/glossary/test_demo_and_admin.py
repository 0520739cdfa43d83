"""The demo glossary, the admin's import and export, and revisions of admin edits."""

from importlib import import_module

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from engage.demo.data import DemoContext
from engage.management.commands.seed_demo import data_dir
from engage.policy.glossary import interchange, wagtail_hooks
from engage.policy.glossary.models import AuditEntry, Decision, Term, TermStatus, TermTranslation
from tests.factories.accounts import city_staff

from .conftest import make_term, wording

pytestmark = pytest.mark.django_db


def load(context):
    for name in ("engage.demo.northbridge", "engage.policy.glossary.demo"):
        module = import_module(name)
        module.load_demo(data_dir(module), context)


def test_the_demo_glossary_is_agreed_by_the_demo_partners_in_six_languages():
    first = DemoContext()
    load(first)
    assert len([item for item in first.created if item[0] == "glossary term"]) == 11
    agreed = Term.objects.agreed()
    assert agreed.count() == 9
    languages = set(TermTranslation.objects.values_list("language", flat=True))
    assert {"en", "ar", "fr", "pl", "so", "ur"} <= languages
    migrant = Term.objects.get(slug="irregular-migrant")
    assert migrant.discouraged.filter(
        phrase="illegal immigrant", preferred="irregular migrant"
    ).exists()
    assert migrant.endorsements.filter(
        decision=Decision.ENDORSE, organisation__slug="northbridge-community-safety-partnership"
    ).exists()
    tension = Term.objects.get(slug="community-tension")
    assert tension.status == TermStatus.UNDER_REVIEW
    assert tension.endorsements.get().decision == Decision.OBJECT
    assert Term.objects.get(slug="seldom-heard-groups").status == TermStatus.PROPOSED
    somali = Term.objects.get(slug="community-cohesion").translations.get(language="so")
    assert somali.agreed_in == "en"  # translated after agreement
    again = DemoContext()
    load(again)
    assert not [item for item in again.created if item[0] == "glossary term"]
    assert Term.objects.count() == 11


def test_staff_export_every_format_and_the_export_is_audited(client, staff):
    make_term("cohesion", {"en": wording("cohesion")})
    client.force_login(staff)
    for fmt in interchange.FORMATS:
        response = client.get(f"/admin/glossary/transfer/export/{fmt}/")
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="glossary.{fmt}"'
        assert b"cohesion" in response.content
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORTED).count() == 3


def test_staff_import_a_file_and_see_the_conflicts(client, staff):
    make_term("cohesion", {"en": wording("cohesion", "Local wording.")})
    text = (
        "key,status,source_language,language,label,definition\n"
        "cohesion,agreed,en,en,cohesion,Other wording.\n"
        "tension,agreed,en,en,community tension,Worry between groups.\n"
    )
    client.force_login(staff)
    assert client.get("/admin/glossary/transfer/").status_code == 200
    response = client.post(
        "/admin/glossary/transfer/",
        {"file": SimpleUploadedFile("partner.csv", text.encode(), content_type="text/csv")},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "already exists here with different wording" in body
    assert Term.objects.get(slug="tension").status == TermStatus.PROPOSED
    assert Term.objects.get(slug="cohesion").translations.get().definition == "Local wording."


def test_a_file_of_another_kind_is_refused_with_what_to_do(client, staff):
    client.force_login(staff)
    response = client.post(
        "/admin/glossary/transfer/", {"file": SimpleUploadedFile("terms.xlsx", b"x")}
    )
    assert response.status_code == 400
    assert b"Choose a .csv, .ttl (Turtle) or .jsonld (JSON-LD) file" in response.content


def test_the_transfer_page_is_for_staff_with_two_factor_only(client, partners):
    client.force_login(partners[0][1])
    response = client.get("/admin/glossary/transfer/")
    assert response.status_code in (302, 403)
    client.force_login(city_staff())
    assert client.get("/admin/glossary/transfer/export/csv/").status_code in (302, 403)


def test_an_admin_edit_leaves_a_revision_and_an_audit_entry(staff):
    term = make_term("cohesion", {"en": wording("cohesion")}, status=TermStatus.PROPOSED)
    request = RequestFactory().get("/")
    request.user = staff
    TermTranslation.objects.filter(term=term).update(usage_notes="Say what people share.")
    wagtail_hooks.record_edited_term(request, term)
    term.refresh_from_db()
    assert term.revision == 2
    assert AuditEntry.objects.filter(
        term=term, action=AuditEntry.Action.EDITED, user=staff
    ).exists()


def test_the_page_editor_gets_the_writers_help_script():
    html = wagtail_hooks.writing_help_js()
    assert "glossary/writing-help" in html and 'data-check-url="/api/v1/glossary/check"' in html
