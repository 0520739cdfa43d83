"""Every link in every email starts with the site's configured address (BASE_URL), never
a default host or port (issue 18, item 2); emails with an unsubscribe link say so in
their headers (List-Unsubscribe, and List-Unsubscribe-Post where one POST unsubscribes).

Three layers: every email template found on disk (ours and allauth's) renders with a
non-default BASE_URL and links only there; the real sending paths (a reply
notification, a moderation decision, sign-up, password reset, account deletion) send
links on BASE_URL whatever host the request came in on; and no code writes a local host into
a link (`engage.links.absolute_url` builds them).
"""

import re
from pathlib import Path

import allauth
import pytest
from allauth.core import context as allauth_context
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from consultations.models import ModerationMode
from consultations.services import post_comment
from engage.accounts.adapter import on_base_url
from engage.links import absolute_url, base_url, list_unsubscribe_headers
from tests.factories import PASSWORD, UserFactory, build_consultation

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://engage.example.net:8443"
LINK = re.compile(r"https?://[^\s\"'<>]+")
OWN_APPS = ("engage", "consultations", "forums", "home")


def email_templates():
    """(template name, source) of every email template: ours under templates/**/email/
    (subjects, bodies, parts) and allauth's account/email/ templates."""
    found = {}
    for app in OWN_APPS:
        for path in (ROOT / app).rglob("templates/**/email/*"):
            if path.suffix in {".txt", ".html"} and path.is_file():
                found.setdefault(path.as_posix().rsplit("/templates/", 1)[1], path)
    allauth_emails = Path(allauth.__file__).parent / "templates" / "account" / "email"
    for path in allauth_emails.glob("*.txt"):
        found.setdefault(f"account/email/{path.name}", path)
    return sorted(found.items())


TEMPLATES = email_templates()


def links_in(text):
    return LINK.findall(text)


def message_links(message):
    html = "".join(content for content, _type in getattr(message, "alternatives", []))
    return links_in(message.body + html)


@pytest.fixture
def on_base(settings):
    settings.BASE_URL = BASE
    settings.WAGTAILADMIN_BASE_URL = BASE
    return BASE


def context_for(source):
    """A context for one template: every `…url` variable it names is a link as the
    sending code builds it. Ours come from `engage.links`; allauth's are built on the
    request's host by allauth and moved onto BASE_URL by our adapter (`on_base_url`)."""
    request = RequestFactory().get("/", HTTP_HOST="localhost:8000")
    names = set(re.findall(r"\b(\w*url)\b", source))
    with allauth_context.request_context(request):
        context = on_base_url({name: request.build_absolute_uri(f"/en/{name}/") for name in names})
    context.update(
        base_url=base_url(),
        site_url=base_url(),
        items=[{"url": absolute_url("/en/item/"), "description": "An item"}],
        request=request,
        user=UserFactory.build(display_name="Amina"),
        name="Amina",
        title="A title",
        # Numbers the templates pluralise on, and the moderation decision's id.
        **dict.fromkeys(["minutes", "hours", "days", "counter", "count", "score"], 2),
        action_id=1,
    )
    context.update(dict.fromkeys(re.findall(r"\bcount \w+=(\w+)", source), 2))
    return context


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), TEMPLATES, ids=[name for name, _path in TEMPLATES])
def test_every_email_template_links_only_to_the_base_url(on_base, name, path):
    rendered = render_to_string(name, context_for(path.read_text(encoding="utf-8")))

    wrong = [link for link in links_in(rendered) if not link.startswith(BASE + "/")]
    assert not wrong, f"{name} links outside {BASE}: {wrong}"


def test_the_email_templates_are_found():
    names = {name for name, _path in TEMPLATES}

    assert "consultations/following/email/footer.txt" not in names  # names, not paths
    assert {"following/email/footer.txt", "moderation/email/action_body.txt"} <= names
    assert "account/email/password_reset_key_message.txt" in names


# --- the real sending paths -------------------------------------------------------------


@pytest.mark.django_db
def test_a_reply_notification_links_to_the_base_url_with_one_click_unsubscribe(
    on_base, consultation_index, settings, django_capture_on_commit_callbacks
):
    settings.MODERATION_TRUSTED_AFTER = 0
    consultation = build_consultation(
        consultation_index, title="Benches", slug="benches", moderation_mode=ModerationMode.POST
    )
    author, replier = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        parent = post_comment(author, consultation, "More benches.")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(replier, consultation, "Agreed.", parent=parent)

    [message] = mail.outbox
    links = message_links(message)
    assert links and all(link.startswith(BASE + "/") for link in links), links
    unsubscribe = [link for link in links if "/unsubscribe/" in link][0]
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.django_db
def test_the_one_click_unsubscribe_link_works_as_a_plain_post(
    on_base, client, consultation_index, settings, django_capture_on_commit_callbacks
):
    from consultations.following.models import NotificationMode, NotificationPreference

    settings.MODERATION_TRUSTED_AFTER = 0
    consultation = build_consultation(
        consultation_index, title="Benches", slug="benches", moderation_mode=ModerationMode.POST
    )
    author = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        parent = post_comment(author, consultation, "More benches.")
        post_comment(UserFactory(), consultation, "Agreed.", parent=parent)
    header = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")

    # What a mail program does (RFC 8058): no cookies, no CSRF token.
    response = client.post(header.removeprefix(BASE), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=author).mode == NotificationMode.OFF


@pytest.mark.django_db
def test_allauth_emails_link_to_the_base_url_whatever_the_request_host(on_base, client):
    client.post(
        "/en/accounts/signup/",
        {
            "email": "amina@example.org",
            "display_name": "Amina",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        HTTP_HOST="localhost",
    )
    client.post(
        "/en/accounts/password/reset/", {"email": "nobody@example.org"}, HTTP_HOST="localhost"
    )
    UserFactory(email="bilal@example.org")
    client.post(
        "/en/accounts/password/reset/", {"email": "bilal@example.org"}, HTTP_HOST="localhost"
    )

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        links = message_links(message)
        assert links, message.body
        assert all(link.startswith(BASE + "/") for link in links), links


@pytest.mark.django_db
def test_account_deletion_emails_link_to_the_base_url(
    on_base, client, django_capture_on_commit_callbacks
):
    person = UserFactory()
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:deletion_request"), {"content": "keep", "password": PASSWORD})

    [message] = mail.outbox
    links = message_links(message)
    assert links and all(link.startswith(BASE + "/") for link in links), links
    assert "List-Unsubscribe" not in message.extra_headers  # nothing to unsubscribe from


def test_list_unsubscribe_headers_only_with_a_link(on_base):
    assert list_unsubscribe_headers("") == {}
    assert list_unsubscribe_headers("/en/u/x/") == {"List-Unsubscribe": f"<{BASE}/en/u/x/>"}
    assert list_unsubscribe_headers("/en/u/x/", one_click=True)["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )


# --- no host written into the code ----------------------------------------------------------

# A host written into the code: links would point there whatever BASE_URL says.
HAND_BUILT = re.compile(r"[\"']https?://(?:127\.0\.0\.1|localhost|\[::1\])[:/\"']")


def test_no_code_writes_a_local_host_into_links():
    offenders = []
    for app in OWN_APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith("engage/settings/") or relative == "engage/links.py":
                continue
            if "/migrations/" in relative:
                continue
            text = path.read_text(encoding="utf-8")
            offenders += [f"{relative}: {m.group(0)}" for m in HAND_BUILT.finditer(text)]
    assert not offenders, "build absolute links with engage.links.absolute_url:\n" + "\n".join(
        offenders
    )
