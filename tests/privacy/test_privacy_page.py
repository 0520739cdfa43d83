"""The privacy page is generated from settings and the retention registry, in every
language, and every page links to it."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from engage.accounts.privacy import registry

pytestmark = pytest.mark.django_db


def test_the_page_says_who_is_responsible_and_how_long_data_is_kept(client, settings, home_page):
    settings.PRIVACY_CONTROLLER_NAME = "Northbridge City Council"
    settings.PRIVACY_DPO_CONTACT = "dpo@northbridge.example"
    settings.PRIVACY_PROCESSORS = [("Mailgun", "sends emails", "EU")]
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "notifications": 45}
    settings.DECLARATION_RETENTION_DAYS = 123
    response = client.get(reverse("privacy_notice"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Northbridge City Council" in html and "dpo@northbridge.example" in html
    assert "Mailgun" in html and "sends emails" in html
    assert "Art. 9(2)(a)" in html  # the special-category condition for declarations
    assert "45 days" in html and "123 days" in html
    for rule in registry.retention_rules():
        assert str(rule.label) in html.replace("&#x27;", "'").replace("&quot;", '"'), rule.key


def test_every_retention_rule_has_a_period_setting():
    for rule in registry.retention_rules():
        if rule.setting:
            assert isinstance(getattr(django_settings, rule.setting), int), rule.key
        else:
            assert rule.key in django_settings.RETENTION_DAYS, rule.key


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_page_loads_in_other_languages(client, language, home_page):
    with translation.override(language):
        url = reverse("privacy_notice")
    assert url.startswith(f"/{language}/")
    response = client.get(url)
    assert response.status_code == 200
    if language == "ar":
        assert 'dir="rtl"' in response.content.decode()


def test_the_footer_links_to_it(client, home_page):
    page = client.get("/en/")
    assert reverse("privacy_notice") in page.content.decode()
