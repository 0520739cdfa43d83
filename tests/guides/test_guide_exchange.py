"""Discussion guides as the exchange kind "guides": what is shared, and that an import
arrives as a draft with its provenance and never overwrites a local guide."""

import jsonschema
import pytest
from django.core.exceptions import ValidationError

from engage.exchange.registry import ExportOptions, Provenance, get_kind
from home.guides.models import DiscussionGuidePage

from .conftest import add_guide

pytestmark = pytest.mark.django_db

PROVENANCE = Provenance(
    city="Southport",
    city_id="https://engage.southport.example",
    package_id="pkg-1",
    exported_at="2026-12-01T10:00:00+00:00",
    licence="CC-BY-4.0",
    key_fingerprint="ab:cd",
)


def exported(options=None):
    return list(get_kind("guides").export(options or ExportOptions()))


def test_guides_kind_is_registered():
    kind = get_kind("guides")
    assert kind is not None
    assert kind.schema["required"] == ["key", "audience", "translations"]


def test_export_shares_published_public_and_partner_guides_in_their_languages(guide):
    add_guide(guide.get_parent(), slug="staff-notes", audience="staff")
    add_guide(guide.get_parent(), slug="draft", publish=False)
    add_guide(guide.get_parent(), slug="for-partners", audience="partners")
    items = exported()
    assert [item["key"] for item in items] == ["team-meeting", "for-partners"]
    first = items[0]
    assert set(first["translations"]) == {"en", "ar"}
    english = first["translations"]["en"]
    assert english["questions"] == [{"question": "Who gains?", "why": "Both sides."}]
    assert english["key_terms"] == ["polarisation", "community cohesion"]
    assert english["support"][0]["name"] == "Cohesion Team"
    for item in items:
        jsonschema.validate(item, get_kind("guides").schema)


def test_apply_creates_a_draft_with_provenance(guide):
    item = exported()[0]
    item["key"] = "team-meeting-southport"
    page = get_kind("guides").apply(item, PROVENANCE)
    page = DiscussionGuidePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.has_unpublished_changes
    assert page.provenance["city"] == "Southport"
    assert page.provenance["key"] == "team-meeting-southport"
    assert page.title_ar == "الحديث عن الاستقطاب في اجتماع الفريق"
    assert page.questions[0].value["question"] == "Who gains?"
    assert get_kind("guides").find_local(item).pk == page.pk


def test_apply_never_overwrites_a_local_guide(guide):
    item = exported()[0]
    item["translations"]["en"]["title"] = "Someone else's version"
    assert get_kind("guides").find_local(item).pk == guide.pk
    with pytest.raises(ValidationError, match="already exists here"):
        get_kind("guides").apply(item, PROVENANCE)
    guide.refresh_from_db()
    assert guide.title == "Talking about polarisation in a team meeting"
    assert DiscussionGuidePage.objects.count() == 1


def test_apply_twice_refuses_the_second_time(guide):
    item = exported()[0]
    item["key"] = "imported-once"
    get_kind("guides").apply(item, PROVENANCE)
    with pytest.raises(ValidationError):
        get_kind("guides").apply(item, PROVENANCE)
    assert DiscussionGuidePage.objects.filter(slug="imported-once").count() == 1


def test_imported_markup_is_cleaned(guide_index):
    item = {
        "key": "unsafe",
        "audience": "everyone",
        "translations": {
            "en": {
                "title": "Unsafe",
                "purpose": '<p onclick="x()">Hi<script>alert(1)</script></p>',
            }
        },
    }
    jsonschema.validate(item, get_kind("guides").schema)
    page = get_kind("guides").apply(item, PROVENANCE)
    assert "script" not in page.purpose
    assert "onclick" not in page.purpose


def test_apply_without_a_guide_index_says_what_to_do(db):
    item = {"key": "lost", "audience": "everyone", "translations": {"en": {"title": "Lost"}}}
    with pytest.raises(ValidationError, match="Create one first"):
        get_kind("guides").apply(item, PROVENANCE)
