"""Dimensions, community groups, areas and baselines in the Wagtail admin: staff edit
them in every language; nobody else can; baselines are read-mostly and the import
history read-only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from engage.communities.models import (
    Area,
    BaselineImport,
    Category,
    Dimension,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ethnicity(db):
    dimension = factories.DimensionFactory(slug="ethnicity", name="Ethnic group")
    broad = factories.CategoryFactory(dimension=dimension, slug="asian", name="Asian")
    factories.CategoryFactory(dimension=dimension, slug="indian", name="Indian", broader=broad)
    return dimension


@pytest.fixture
def age(db):
    return factories.dimension_with_groups("Age band", {"adult": "Adult"}, slug="age")


def category_data(dimension, broader=None, **fields):
    return {
        "dimension": dimension.pk,
        "name_en": "Pakistani",
        "slug": "pakistani",
        "broader": broader.pk if broader else "",
        "sort_order": 0,
        **fields,
    }


def test_staff_see_community_data_in_the_engage_menu(staff_client):
    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Dimensions", "Community groups", "Areas", "Import a baseline"):
        assert label in html


def test_staff_list_dimensions_and_groups(staff_client, ethnicity):
    response = staff_client.get(reverse("communities_dimensions:index"))
    assert response.status_code == 200
    assert "Ethnic group" in response.content.decode()
    response = staff_client.get(reverse("communities_groups:index"), {"dimension": ethnicity.pk})
    assert response.status_code == 200
    assert "Indian" in response.content.decode()


def test_dimension_form_has_a_name_field_per_language(staff_client):
    html = staff_client.get(reverse("communities_dimensions:add")).content.decode()
    for language in ("en", "ar", "fr", "so"):
        assert f'name="name_{language}"' in html
    assert 'name="name"' not in html


def test_staff_create_a_dimension_with_translated_names(staff_client):
    response = staff_client.post(
        reverse("communities_dimensions:add"),
        {
            "name_en": "Main language",
            "name_ar": "اللغة الرئيسية",
            "slug": "language",
            "sort_order": 3,
        },
    )
    assert response.status_code == 302
    dimension = Dimension.objects.get(slug="language")
    assert dimension.name_en == "Main language"
    assert dimension.name_ar == "اللغة الرئيسية"


def test_staff_edit_a_dimension(staff_client, ethnicity):
    response = staff_client.post(
        reverse("communities_dimensions:edit", args=[ethnicity.pk]),
        {
            "name_en": "Ethnicity",
            "name_fr": "Origine ethnique",
            "slug": "ethnicity",
            "sort_order": 1,
        },
    )
    assert response.status_code == 302
    ethnicity.refresh_from_db()
    assert (ethnicity.name_en, ethnicity.name_fr) == ("Ethnicity", "Origine ethnique")


def test_staff_create_a_group_rolling_up_into_the_same_dimension(staff_client, ethnicity):
    asian = Category.objects.get(slug="asian")
    response = staff_client.post(
        reverse("communities_groups:add"), category_data(ethnicity, broader=asian)
    )
    assert response.status_code == 302
    assert Category.objects.get(slug="pakistani").broader == asian


def test_roll_up_into_another_dimensions_group_is_rejected(staff_client, ethnicity, age):
    adult = Category.objects.get(slug="adult")
    response = staff_client.post(
        reverse("communities_groups:add"), category_data(ethnicity, broader=adult)
    )
    assert response.status_code == 200
    assert "belongs to another dimension" in response.content.decode()
    assert not Category.objects.filter(slug="pakistani").exists()


def test_roll_up_in_a_circle_is_rejected(staff_client, ethnicity):
    asian = Category.objects.get(slug="asian")
    indian = Category.objects.get(slug="indian")
    response = staff_client.post(
        reverse("communities_groups:edit", args=[asian.pk]),
        category_data(ethnicity, broader=indian, name_en="Asian", slug="asian"),
    )
    assert response.status_code == 200
    assert "already rolls up into this group" in response.content.decode()
    asian.refresh_from_db()
    assert asian.broader is None


def test_roll_up_choices_are_limited_to_the_same_dimension(staff_client, ethnicity, age):
    indian = Category.objects.get(slug="indian")
    html = staff_client.get(reverse("communities_groups:edit", args=[indian.pk])).content.decode()
    broader_select = html.split('name="broader"', 1)[1].split("</select>", 1)[0]
    assert "Asian" in broader_select
    assert "Adult" not in broader_select
    assert ">Indian" not in broader_select


def test_staff_create_an_area(staff_client):
    response = staff_client.post(
        reverse("communities_areas:add"), {"name": "Riverside", "code": "W01", "parent": ""}
    )
    assert response.status_code == 302
    assert Area.objects.filter(code="W01").exists()


def test_baselines_are_read_mostly(staff_client, ethnicity):
    area = factories.AreaFactory(code="C1", name="City")
    share = factories.BaselineShareFactory(
        area=area, category=Category.objects.get(slug="asian"), share=Decimal("0.25")
    )
    listing = staff_client.get(reverse("communities_baselines:index"))
    assert listing.status_code == 200
    assert "Asian" in listing.content.decode()  # the share's group, listed
    # No adding by hand: baselines come from imports.
    assert staff_client.get(reverse("communities_baselines:add")).status_code == 302
    response = staff_client.post(
        reverse("communities_baselines:edit", args=[share.pk]),
        {"source": "Census 2021", "year": 2021, "share": "0.9"},
    )
    assert response.status_code == 302
    share.refresh_from_db()
    assert (share.source, share.year, share.share) == ("Census 2021", 2021, Decimal("0.25"))


def test_import_history_is_read_only(staff_client, ethnicity):
    record = BaselineImport.objects.create(
        area=factories.AreaFactory(code="C1", name="City"),
        dimension=ethnicity,
        kind=BaselineImport.Kind.SHARE_PCT,
        original_total=Decimal("99.9"),
        normalised=True,
    )
    index = staff_client.get(reverse("communities_baseline_imports:index"))
    assert index.status_code == 200
    html = index.content.decode()
    assert reverse("communities_import_baseline") in html
    assert reverse("communities_baseline_imports:add") not in html
    inspect = staff_client.get(reverse("communities_baseline_imports:inspect", args=[record.pk]))
    assert inspect.status_code == 200
    assert "99.9" in inspect.content.decode()  # the original total, as imported
    for name in ("edit", "delete"):
        url = reverse(f"communities_baseline_imports:{name}", args=[record.pk])
        assert staff_client.post(url).status_code == 302
    assert BaselineImport.objects.filter(pk=record.pk, normalised=True).exists()
    assert staff_client.get(reverse("communities_offline_imports:index")).status_code == 200


@pytest.mark.parametrize(
    "make",
    [factories.UserFactory, lambda: factories.with_totp(factories.moderator())],
    ids=["resident", "moderator"],
)
def test_others_cannot_manage_community_data(client, ethnicity, make):
    client.force_login(make())
    for name in ("communities_dimensions:index", "communities_groups:index"):
        assert client.get(reverse(name)).status_code in (302, 403)
    response = client.post(reverse("communities_groups:add"), category_data(ethnicity))
    assert response.status_code in (302, 403)
    assert not Category.objects.filter(slug="pakistani").exists()
    home = client.get(reverse("wagtailadmin_home"))
    assert "Import a baseline" not in home.content.decode()


def test_moderator_is_denied_the_dimension_list_with_a_redirect(client, ethnicity):
    client.force_login(factories.with_totp(factories.moderator()))
    response = client.get(reverse("communities_dimensions:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
