"""seed_demo builds the Northbridge demo city, and running it again changes nothing."""

import importlib
import io
import re
from decimal import Decimal

import pytest
import yaml
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db.models import Sum
from wagtail.models import Page, Site

from consultations.codesign.models import CoDesignSession
from consultations.models import (
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
)
from engage.accounts.models import CommunityLeadership, User
from engage.accounts.rules import CITY_STAFF, MODERATORS
from engage.communities.models import Area, BaselineShare, Category, Dimension
from engage.communities.representation.baselines import resolve_baseline
from engage.communities.scopes import Scope
from engage.policy.models import PartnerGrant, PartnerMembership, PartnerOrganisation
from forums.models import ForumIndexPage, ForumPage
from home.models import HomePage, StandardPage

DEMO_ACCOUNTS = [
    "resident@example.org",
    "leader@example.org",
    "moderator@example.org",
    "staff@example.org",
    "partner@example.org",
]
COUNTED = [
    Page,
    HomePage,
    StandardPage,
    ConsultationIndexPage,
    ConsultationPage,
    ForumIndexPage,
    ForumPage,
    CoDesignSession,
    Site,
    Dimension,
    Category,
    Area,
    BaselineShare,
    User,
    EmailAddress,
    Group,
    CommunityLeadership,
    PartnerOrganisation,
    PartnerGrant,
    PartnerMembership,
]


def seed():
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


@pytest.fixture
def seeded(demo_city):
    """The demo city: what seed_demo created once this run (demo_city, tests/conftest.py)."""


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_seed_demo_twice_gives_the_same_counts(seeded):
    first = counts()
    assert "nothing to create" in seed()
    assert counts() == first


def test_seed_demo_keeps_existing_data(seeded):
    about = StandardPage.objects.get(slug="about")
    about.title = "About us"
    about.save_revision().publish()
    User.objects.create_user(email="someone@example.org", password="x")
    seed()
    assert StandardPage.objects.get(slug="about").title == "About us"
    assert User.objects.filter(email="someone@example.org").exists()


def test_home_page_replaces_the_welcome_page(seeded):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()


def test_demo_city_has_two_open_consultations_and_one_with_its_outcome_published(seeded):
    statuses = sorted(page.status for page in ConsultationPage.objects.live())
    assert statuses == sorted([ConsultationStatus.OPEN] * 2 + [ConsultationStatus.OUTCOME])
    park = ConsultationPage.objects.get(slug="riverside-park")
    assert park.affected_groups.exists()
    assert park.wider_audience.exists()
    assert park.area.code == "NB-W04" and park.area.parent.code == "NB0001"  # a ward
    assert CoDesignSession.objects.filter(consultation=park).exists()
    assert ForumPage.objects.get(slug="myths-and-facts").live


def test_demo_content_is_in_english_arabic_and_french(seeded):
    for page in Page.objects.filter(depth__gte=2).specific():
        assert page.title_en and page.title_ar and page.title_fr, page.slug
        assert page.title_ar != page.title_en or page.slug == "home", page.slug
    park = ConsultationPage.objects.get(slug="riverside-park")
    assert park.summary_ar and park.summary_fr
    assert len(park.body_ar) == len(park.body_en)


def test_demo_pages_render_in_arabic(client, seeded):
    response = client.get("/ar/consultations/riverside-park/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "إعادة تصميم حديقة ريفرسايد" in html
    assert 'dir="rtl"' in html


def test_baseline_shares_are_fractions_summing_to_one(seeded):
    area = Area.objects.get(code="NB0001")
    for dimension in Dimension.objects.all():
        shares = BaselineShare.objects.filter(area=area, category__dimension=dimension)
        assert shares.exists(), dimension.slug
        assert shares.aggregate(total=Sum("share"))["total"] == Decimal("1")
        assert all(Decimal(0) < share.share < Decimal(1) for share in shares)
        assert shares.first().source == "Fictional demo data based on the ONS Census"


@pytest.mark.parametrize("email", DEMO_ACCOUNTS)
def test_every_demo_account_can_log_in(client, seeded, email):
    assert client.login(email=email, password="engage-demo")
    address = EmailAddress.objects.get(email=email)
    assert address.verified and address.primary


def test_resident_logs_in_through_allauth(client, seeded):
    response = client.post(
        "/en/accounts/login/", {"login": "resident@example.org", "password": "engage-demo"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_demo_roles(seeded):
    leader = User.objects.get(email="leader@example.org")
    assert CommunityLeadership.objects.filter(user=leader, revoked_at__isnull=True).exists()
    assert User.objects.get(email="moderator@example.org").groups.filter(name=MODERATORS).exists()
    staff = User.objects.get(email="staff@example.org")
    assert staff.is_staff and staff.is_superuser
    assert staff.groups.filter(name=CITY_STAFF).exists()
    partner = User.objects.get(email="partner@example.org")
    membership = PartnerMembership.objects.get(user=partner)
    assert membership.organisation.name == "Northbridge Community Safety Partnership"
    assert membership.organisation.grants.filter(
        scope="city", access=PartnerGrant.Access.VIEW_REPORTS
    ).exists()


def test_demo_participants_give_the_dashboard_flags_without_logins(seeded):
    from engage.communities.models import Declaration
    from engage.communities.representation import Flag, representation_report
    from engage.communities.scopes import Scope

    park = ConsultationPage.objects.get(slug="riverside-park")
    participants = User.objects.filter(email__endswith="@participants.northbridge.example.org")
    assert participants.count() == 260
    assert not any(user.has_usable_password() for user in participants[:20])
    assert Declaration.objects.filter(user__in=participants).exists()

    report = representation_report(Scope.parse(f"consultation:{park.pk}"), dimension="age_band")
    flags = {row.slug: row.flag for row in report.dimensions[0].rows}
    assert flags["25-34"] == Flag.OVER
    assert Flag.UNDER in flags.values() or Flag.ABSENT in flags.values()


# --- the demo content is data: checked when loaded ----------------------------------


def copy_of_data(tmp_path, loader, monkeypatch):
    """A copy of `loader`'s data folder that seed_demo reads instead of the shipped one."""
    import shutil

    from engage.management.commands import seed_demo as command

    module = importlib.import_module(loader)
    shipped = command.data_dir(module)
    copy = tmp_path / loader
    shutil.copytree(shipped, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    original = command.data_dir
    monkeypatch.setattr(
        command, "data_dir", lambda m: copy if m.__name__ == loader else original(m)
    )
    return copy


def test_a_bad_value_names_the_file_and_the_key_and_saves_nothing(db, tmp_path, monkeypatch):
    folder = copy_of_data(tmp_path, "consultations.demo", monkeypatch)
    path = folder / "consultations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("moderation: post", "moderation: later", 1), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        seed()
    message = str(error.value)
    assert "consultations.yaml" in message
    assert "consultations[0].moderation" in message
    assert "“later” is not one of: pre, post" in message
    assert not Dimension.objects.exists() and not User.objects.exists()


def test_a_missing_key_names_the_file_and_the_key(db, tmp_path, monkeypatch):
    folder = copy_of_data(tmp_path, "engage.demo.northbridge", monkeypatch)
    path = folder / "northbridge.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["baseline"]["population"]
    del data["dimensions"][1]["name"]["en"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match=r"northbridge\.yaml, key “dimensions\[1\]\.name\.en”"):
        seed()
    data["dimensions"][1]["name"]["en"] = "Religion"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match=r"northbridge\.yaml, key “baseline\.population”: "):
        seed()
    assert not Dimension.objects.exists()


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("title: {en: Park, xx: Parc}", "title", "“xx” is not one of the site's languages"),
        ("title: Park", "title", "expected the text in each language"),
        ("title: {ar: حديقة}", "title.en", "this key is missing"),
        ("title: [", "(top)", "not valid YAML"),
        ("- a list", "(top)", "expected a mapping"),
    ],
)
def test_translated_texts_are_checked(tmp_path, text, key, problem):
    from engage.demo.data import DemoDataError, read

    (tmp_path / "page.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DemoDataError) as error:
        read(tmp_path, "page.yaml")["title"].translated("title")
    assert error.value.key == key or (key == "(top)" and error.value.key == "")
    assert problem in str(error.value) and "page.yaml" in str(error.value)


def test_every_demo_data_file_is_read_by_a_loader_and_is_marked_fictional():
    from pathlib import Path

    from engage.management.commands.seed_demo import LOADERS, data_dir

    folders = {data_dir(importlib.import_module(name)) for name in LOADERS}
    root = Path(__file__).resolve().parent.parent
    files = [
        path
        for package in ("engage", "home", "consultations", "forums")
        for path in (root / package).rglob("demo/*.yaml")
    ]
    assert len(files) >= 7, "the demo data files of every app are found"
    for path in files:
        assert path.parent in folders, path
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0].split("\n")[0]
        assert header.startswith("#") and "FICTIONAL" in header, path
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path


def test_the_data_is_checked_even_when_the_demo_city_exists(seeded, tmp_path, monkeypatch):
    folder = copy_of_data(tmp_path, "forums.demo", monkeypatch)
    path = folder / "forums.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("verdict: 'false'", "verdict: wrong", 1), encoding="utf-8")
    with pytest.raises(
        CommandError,
        match=r"forums\.yaml, key “forums\[0\]\.claims\[0\]\.fact_check\.verdict”: “wrong”",
    ):
        seed()


def test_the_map_of_consultations_links_the_wards_of_the_open_ones(client, seeded):
    """The wards exist (with boundaries) before the consultations are loaded, so the
    open demo consultations sit in wards and the map on the index links to them."""
    wards = Area.objects.filter(parent__code="NB0001", boundary__isnull=False)
    assert wards.count() == 8
    open_by_ward = {}
    for page in ConsultationPage.objects.live():
        if page.status == ConsultationStatus.OPEN and page.area.parent_id:
            open_by_ward[page.area.code] = open_by_ward.get(page.area.code, 0) + 1
    assert len(open_by_ward) >= 2, open_by_ward
    html = client.get("/en/consultations/").content.decode()
    section = re.search(r'<section class="area-map[^"]*".*?</section>', html, re.S).group(0)
    links = re.findall(
        r'href="[^"]*\?area=([^&"]+)&amp;status=open" class="area-map__link"'
        r' aria-label="[^"]*: (\d+) open consultations?"',
        section,
    )
    assert {code: int(count) for code, count in links} == open_by_ward
    # A ward's consultation compares with the city's baseline (the wards have none).
    park = ConsultationPage.objects.get(slug="riverside-park")
    assert resolve_baseline(Scope.of("consultation", park.pk)).code == "NB0001"
