"""The Content-Security-Policy holds on every page type: Chromium, with the policy
enforced, logs no violation on the demo city's pages, the API docs and the Wagtail
admin, visited as the roles that use them.

One browser, one live server, one seeded demo city. A violation is caught three ways:
the page's `securitypolicyviolation` events (recorded by an init script), Chromium's
console ("Refused to …"), and the reports the browser sends to /csp-report/ (logged on
the `engage.csp` logger, which this test listens to).
"""

import io
import logging

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from tests.e2e.conftest import outside_browser_loop

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "engage-demo"  # the documented demo password
EXEMPT = ["moderator@example.org", "staff@example.org", "partner@example.org"]
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber} (${event.sample})`
  );
});
"""


class ReportRecorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def csp_reports():
    recorder = ReportRecorder()
    logger = logging.getLogger("engage.csp")
    logger.addHandler(recorder)
    yield recorder.messages
    logger.removeHandler(recorder)


def signed_in_context(browser, server, email, problems):
    """A browser context signed in as `email` (or anonymous), recording violations."""
    context = browser.new_context(base_url=server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_VIOLATIONS)
    if email:
        client = Client()
        assert client.login(email=email, password=DEMO_PASSWORD), email
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
        )
    tab = context.new_page()
    tab.on(
        "console",
        lambda message: (
            problems.append(f"{email or 'anonymous'}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return context, tab


def visit(tab, path, who, problems, statuses):
    response = tab.goto(path, wait_until="load")
    statuses.append((who, path, response.status if response else None))
    # Let queued violation events fire before reading them.
    tab.wait_for_timeout(100)
    for violation in tab.evaluate("window.__cspViolations || []"):
        problems.append(f"{who} on {path}: {violation}")


def demo_paths():
    """One path per page type, from the seeded demo city."""
    from consultations.codesign.models import CoDesignSession
    from consultations.models import ConsultationIndexPage, ConsultationPage
    from forums.models import ForumIndexPage, ForumPage, Thread
    from home.models import StandardPage

    consultation = ConsultationPage.objects.live().open().first()
    outcome = ConsultationPage.objects.live().with_outcome().first()
    forum = ForumPage.objects.live().first()
    claim = Thread.objects.filter(kind="claim").first()
    session = CoDesignSession.objects.order_by("pk").first()
    return {
        "home": "/en/",
        "content": StandardPage.objects.live().first().url,
        "consultation_index": ConsultationIndexPage.objects.live().first().url,
        "consultation": consultation.url,
        "consultation_id": consultation.pk,
        "outcome": outcome.outcome_url(),
        "forum_index": ForumIndexPage.objects.live().first().url,
        "forum": forum.url,
        "thread_new": f"/en/forums/{forum.pk}/new/",
        "claim": f"/en/forums/threads/{claim.pk}/",
        "claim_id": claim.pk,
        "session": f"/en/co-design/sessions/{session.pk}/",
        "brief": f"/en/co-design/sessions/{session.pk}/brief/",
        "session_id": session.pk,
    }


def check_editor_widgets_start_without_inline_scripts(tab):
    """The widgets Wagtail starts with inline scripts start from engage/js/admin.js."""
    # Date and time pickers (jQuery datetimepicker adds its calendar to the body).
    assert tab.locator(".xdsoft_datetimepicker").count() >= 2
    # InlinePanel: "Add proposal" adds a child form.
    total = tab.locator("#id_proposals-TOTAL_FORMS")
    before = int(total.input_value())
    tab.locator("#id_proposals-ADD").click()
    tab.wait_for_function(
        f"() => document.querySelector('#id_proposals-TOTAL_FORMS').value === '{before + 1}'"
    )
    # The image chooser (engage/admin_widgets.py): its button opens Wagtail's modal,
    # which loads the image listing.
    # (With an image chosen, "Change image" sits in a closed menu: click it by event.)
    chooser = tab.locator("#id_image-chooser [data-chooser-action-choose]").first
    with tab.expect_response(lambda response: "/admin/images/chooser/" in response.url):
        chooser.dispatch_event("click")
    tab.keyboard.press("Escape")
    # wagtail-modeltranslation's settings reached its scripts.
    assert tab.evaluate("window.wagtailModelTranslations.languages.length") >= 2


@override_settings(ENGAGE_MFA_EXEMPT_EMAILS=EXEMPT)
def test_no_page_type_violates_the_content_security_policy(browser, asgi_live_server, csp_reports):
    with outside_browser_loop():
        call_command("seed_demo", stdout=io.StringIO())
    paths = demo_paths()
    visits = {
        None: [paths["home"], "/en/accounts/login/", "/api/v1/docs"],
        "resident@example.org": [
            paths["content"],
            paths["consultation_index"],
            paths["consultation"],
            paths["outcome"],
            paths["forum_index"],
            paths["forum"],
            paths["thread_new"],
            paths["claim"],
            paths["session"],
            "/en/accounts/profile/",
            "/en/accounts/about-me/",
            "/en/accounts/notifications/",
            "/en/moderation/appeals/",
        ],
        "moderator@example.org": [reverse("engage_moderation:queue")],
        # The claim is the resident's own: someone else reports it.
        "leader@example.org": [paths["brief"], f"/en/moderation/report/claim/{paths['claim_id']}/"],
        "partner@example.org": [
            "/en/reports/representation/",
            f"/en/reports/consultations/{paths['consultation_id']}/",
        ],
        "staff@example.org": [
            "/en/accounts/2fa/totp/activate/",
            f"/en/co-design/sessions/{paths['session_id']}/manage/",
            "/admin/",
            f"/admin/pages/{paths['consultation_id']}/edit/",
            reverse("wagtailsnippets_codesign_codesignsession:list"),
            reverse("engage_representation:dashboard"),
            reverse("engage_moderation:queue"),
            reverse("engage_moderation:dashboard"),
            reverse("exports_admin:summary", args=[paths["consultation_id"]]),
            reverse("communities_groups:index"),
            reverse("communities_import_baseline"),
        ],
    }
    problems, statuses = [], []
    for email, path_list in visits.items():
        context, tab = signed_in_context(browser, asgi_live_server, email, problems)
        for path in path_list:
            visit(tab, path, email or "anonymous", problems, statuses)
            if path == "/api/v1/docs":
                # Swagger UI (from our static files) drew the operations.
                tab.wait_for_selector(".swagger-ui .opblock")
            if path.endswith(f"/pages/{paths['consultation_id']}/edit/"):
                check_editor_widgets_start_without_inline_scripts(tab)
        context.close()
    assert [visited for visited in statuses if visited[2] != 200] == []
    assert not problems, "CSP violations:\n" + "\n".join(problems)
    assert not csp_reports, "CSP reports:\n" + "\n".join(csp_reports)
