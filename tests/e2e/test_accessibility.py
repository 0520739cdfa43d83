"""axe-core in a real browser: no serious or critical accessibility violations on the
pages residents use most, in a left-to-right and a right-to-left language."""

from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = pytest.mark.browser

AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page):
    """Run axe-core on the loaded page and return its violations."""
    page.evaluate(AXE_SCRIPT.read_text() + "\n;true")  # under CSP: no <script> tag
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return results["violations"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_no_blocking_violations(page, path):
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious or critical problems on {path}:\n" + describe(blocking)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_home_page_has_no_serious_accessibility_violations(page, consultation, language):
    assert_no_blocking_violations(page, f"/{language}/")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_login_page_has_no_serious_accessibility_violations(page, home_page, language):
    assert_no_blocking_violations(page, f"/{language}/accounts/login/")


def test_signup_page_has_no_serious_accessibility_violations(page, home_page):
    assert_no_blocking_violations(page, "/en/accounts/signup/")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_consultation_page_has_no_serious_accessibility_violations(page, consultation, language):
    assert_no_blocking_violations(page, consultation.url.replace("/en/", f"/{language}/", 1))


def test_login_form_errors_have_no_serious_accessibility_violations(page, home_page):
    """The error summary and invalid fields after a failed log-in are accessible too."""
    page.goto("/en/accounts/login/")
    form = page.locator("main form", has=page.locator("[name=password]"))
    form.locator("[name=login]").fill("nobody@example.org")
    form.locator("[name=password]").fill("not-the-password")
    form.locator("button[type=submit], input[type=submit]").last.click()
    page.wait_for_load_state()
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "axe found serious or critical problems after a failed log-in:\n" + (
        describe(blocking)
    )
