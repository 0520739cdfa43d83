"""A discussion guide and the city-wide cohesion report in Chromium: no serious or
critical axe violations, left to right and right to left; the guide links its print
stylesheet, which hides the navigation when printed."""

import pytest
from django.test import Client

from engage.policy.models import PartnerGrant
from home.guides.models import DiscussionGuideIndexPage, DiscussionGuidePage
from tests.e2e.test_accessibility import assert_no_blocking_violations
from tests.factories import PASSWORD, partner_member, with_totp

pytestmark = pytest.mark.browser


@pytest.fixture
def guide(home_page):
    index = DiscussionGuideIndexPage(title="Discussion guides", slug="discussion-guides")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    page = DiscussionGuidePage(
        slug="when-a-rumour-spreads",
        title="When a rumour spreads",
        title_ar="عندما تنتشر شائعة",
        summary="What to do in the first days.",
        summary_ar="ما يجب فعله في الأيام الأولى.",
        purpose="<p>Rumours fill the gap where facts are missing.</p>",
        purpose_ar="<p>الشائعات تملأ الفراغ حيث تغيب الحقائق.</p>",
        questions=[{"type": "question", "value": {"question": "What is being said?", "why": ""}}],
        questions_ar=[{"type": "question", "value": {"question": "ماذا يُقال؟", "why": ""}}],
        key_terms="misinformation",
        do="<ul><li>Answer early.</li></ul>",
        avoid="<ul><li>Repeating the rumour.</li></ul>",
        support=[{"type": "link", "value": {"title": "Forum", "url": "https://example.org/"}}],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def sign_in(context, base_url, user):
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_guide_page_is_accessible_and_prints_without_navigation(page, guide, language):
    path = f"/{language}{guide.url[3:]}"
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h1").count() == 1
    assert_no_blocking_violations(page, path)
    assert page.locator("link[href$='guides/print.css']").count() == 1
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator("article.guide h1").is_visible()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_cohesion_report_is_accessible(page, asgi_live_server, consultation, language):
    partner = with_totp(partner_member(grants=[("city", PartnerGrant.Access.EXPORT)]))
    sign_in(page.context, asgi_live_server.url, partner)
    path = f"/{language}/reports/cohesion/"
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h1").count() == 1
    assert consultation.title in page.locator("main").inner_text()
    assert_no_blocking_violations(page, path)
