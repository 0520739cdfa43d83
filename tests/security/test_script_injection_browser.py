"""The script-injection corpus, posted through every resident text field and rendered
in Chromium as the people who read it.

The corpus (tests/security/xss_corpus.py) goes in through the real services and forms
(comments and replies, forum threads, claims and where they were heard, forum posts,
fact-checks and their sources, brief comments and suggestions, survey text answers,
display names, co-design RSVP access needs, report notes, appeals). Then the pages that
show them are loaded by anonymous visitors, residents, a leader, a moderator and staff,
with a recorder installed before any page script runs:

- `xss(n)`, `alert`, `confirm`, `prompt` and `print` record their calls;
- a dialog handler records (and dismisses) any dialog;
- the console is watched for the recorder's messages;
- after load, the DOM is searched for event-handler, htmx or URL attributes that carry
  script (`on*`, `hx-*`, `href`/`src`/`action`/`srcdoc`/`style` with `javascript:`,
  `vbscript:`, `data:text/html` or `xss(`).

Each page must also show the corpus (its marker), so a page that stops rendering the
payloads fails instead of passing without checking anything.
"""

import contextlib
import io
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.e2e.conftest import outside_browser_loop
from tests.security.xss_corpus import MARK, PAYLOADS, TEMPLATE_RESULT, batches

pytestmark = [pytest.mark.postgres, pytest.mark.browser]

RECORDER = """
window.__xss = [];
window.xss = (n) => window.__xss.push('xss(' + n + ')');
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (message) => window.__xss.push(name + ': ' + message);
}
document.addEventListener('securitypolicyviolation', (event) => {
  if (String(event.sample || '').includes('xss')) {
    window.__xss.push('blocked by CSP: ' + event.sample);
  }
});
"""

DOM_SCAN = """
() => {
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href',
                         'srcdoc', 'poster', 'background', 'style'];
  const dangerous = /xss\\(|javascript:|vbscript:|data:text\\/html/i;
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (!dangerous.test(attribute.value)) continue;
      if (name.startsWith('on') || name.startsWith('hx-') || urlAttributes.includes(name)) {
        found.push(`<${element.tagName.toLowerCase()} ${name}="${attribute.value.slice(0, 80)}">`);
      }
    }
  }
  return found;
}
"""


def login_cookie(user, url):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


class Planter:
    """Posts the corpus through the services, counting what each field accepted."""

    def __init__(self):
        self.accepted = {}
        self.refused = {}

    @contextlib.contextmanager
    def field(self, name):
        from django.core.exceptions import PermissionDenied, ValidationError

        try:
            yield
        except (ValidationError, PermissionDenied) as error:
            self.refused.setdefault(name, []).append(str(error)[:120])
        else:
            self.accepted[name] = self.accepted.get(name, 0) + 1


def plant(planter):
    """Seed the demo city and post the corpus everywhere residents can write."""
    from allauth.account.models import EmailAddress

    from consultations.briefs import services as briefs
    from consultations.briefs.services import brief_for_session
    from consultations.codesign.models import CoDesignSession
    from consultations.codesign.services import rsvp
    from consultations.engagement.models import QuestionKind, Survey
    from consultations.engagement.services import submit_survey
    from consultations.models import ConsultationPage
    from consultations.services import post_comment
    from engage.accounts.forms import ProfileForm
    from engage.accounts.models import User
    from engage.moderation.models import ActionKind
    from engage.moderation.services import appeal, moderate, report_content
    from forums import services as forums
    from forums.models import ForumPage, ThreadKind
    from tests.factories import UserFactory, with_totp

    call_command("seed_demo", stdout=io.StringIO())
    demo = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@example.org")}
    with_totp(demo["moderator"])
    with_totp(demo["staff"])
    park = ConsultationPage.objects.get(slug="riverside-park")
    forum = ForumPage.objects.get(slug="myths-and-facts")
    session = CoDesignSession.objects.filter(consultation=park).order_by("pk").first()
    survey = Survey.objects.get(consultation=park)
    texts = batches()

    # One person per payload, the payload (cut to the limit) as their display name.
    people = []
    for number, payload in enumerate(PAYLOADS):
        person = UserFactory(email=f"xss{number}@example.org")
        EmailAddress.objects.filter(user=person).update(verified=True)
        form = ProfileForm(
            data={"display_name": payload[:60], "preferred_language": "en"}, instance=person
        )
        with planter.field("display name"):
            if not form.is_valid():
                from django.core.exceptions import ValidationError

                raise ValidationError(form.errors.as_text())
            form.save()
        people.append(person)

    # The page shows one thread per proposal (the general discussion only when there
    # are none): the corpus goes on the first one, whose first page it then fills.
    proposal = park.proposals.first()
    comments = []
    for number, text in enumerate(texts):
        with planter.field("comment"):
            comments.append(post_comment(people[number], park, text, proposal=proposal))
    parent = comments[0]
    for number, text in enumerate(texts):
        with planter.field("reply"):
            post_comment(people[20 + number], park, text, parent=parent)

    threads = []
    for number, text in enumerate(texts[:12]):
        claim = number % 2 == 1
        with planter.field("forum thread"):
            threads.append(
                forums.start_thread(
                    people[40 + number],
                    forum,
                    title=PAYLOADS[number * 9 % len(PAYLOADS)][:200],
                    text=text,
                    kind=ThreadKind.CLAIM if claim else ThreadKind.DISCUSSION,
                    heard_where=PAYLOADS[(number * 9 + 4) % len(PAYLOADS)][:200] if claim else "",
                    accept_guidelines=True,
                )
            )
    thread = threads[0]
    for number, text in enumerate(texts):
        with planter.field("forum post"):
            forums.post_reply(people[50 + number % 20], thread, text, accept_guidelines=True)
    fact_checks = []
    claims = threads[1::2]
    for number, text in enumerate(batches(size=12, max_length=1900)):
        with planter.field("fact-check"):
            fact_checks.append(
                forums.write_fact_check(
                    demo["leader"],
                    claims[number % len(claims)],
                    verdict="false",
                    text=text,
                    sources=[
                        {
                            "title": PAYLOADS[number][:200],
                            "url": "https://example.org/?q=" + quote(PAYLOADS[number][:100]),
                        }
                    ],
                )
            )
    for fact_check in fact_checks:
        with planter.field("fact-check publication"):
            forums.publish_fact_check(demo["staff"], fact_check)

    brief = brief_for_session(session)
    for number, text in enumerate(texts):
        with planter.field("brief comment"):
            briefs.post_comment(brief, demo["leader"], text, quote=PAYLOADS[number][:1000])
        with planter.field("brief suggestion"):
            briefs.suggest(
                brief, demo["leader"], PAYLOADS[number][:1000], text, note=PAYLOADS[-number - 1]
            )

    questions = list(survey.questions.prefetch_related("options"))
    for number, text in enumerate(texts):
        answers = {}
        for question in questions:
            if question.kind == QuestionKind.TEXT:
                answers[question.pk] = text[:1000]
            elif question.kind == QuestionKind.SCALE:
                answers[question.pk] = 3
            elif question.kind == QuestionKind.MULTIPLE:
                answers[question.pk] = [question.options.all()[0].pk]
            else:
                answers[question.pk] = question.options.all()[0].pk
        with planter.field("survey text answer"):
            submit_survey(people[number], survey, answers)

    for number, text in enumerate(texts):
        with planter.field("RSVP access needs"):
            rsvp(people[number], session, access_needs=text[:500])

    for number, text in enumerate(texts):
        with planter.field("report note"):
            report_content(people[30 + number], comments[number], "other", note=text[:1000])

    appeals = []
    for number, text in enumerate(texts[:6]):
        action = moderate(
            demo["moderator"], comments[number + 1], ActionKind.HIDE, public_reason="Off topic."
        )
        with planter.field("appeal"):
            appeals.append(appeal(people[number + 1], action, text))

    urls = {
        "consultation": park.url,
        "replies": reverse("consultations:comment_replies", args=[parent.pk]),
        "comment edit": reverse("consultations:comment_edit", args=[comments[-1].pk]),
        "forum": forum.url,
        "thread": reverse("forums:thread", args=[thread.pk]),
        "claim": reverse("forums:thread", args=[threads[1].pk]),
        "fact-check history": reverse("forums:fact_check_history", args=[fact_checks[0].pk]),
        "library": reverse("forums:library"),
        "brief": reverse("consultations:briefs:detail", args=[session.pk]),
        "session manage": reverse("codesign:session_manage", args=[session.pk]),
        "summary": reverse("exports_reports:summary", args=[park.pk]),
        "queue": reverse("engage_moderation:queue"),
        "appeal": reverse("engage_moderation:appeal", args=[appeals[0].pk]),
        "profile": reverse("account_profile"),
    }
    return demo, people, comments, urls


def visit(context, url, problems, label):
    """Load `url` in a new tab of `context` and add whatever ran or was injected."""
    tab = context.new_page()
    dialogs, console = [], []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.on("console", lambda message: console.append(message.text))
    response = tab.goto(url, wait_until="load")
    tab.wait_for_timeout(300)  # let timers and autofocus handlers fire
    status = response.status if response else None
    ran = tab.evaluate("window.__xss")
    injected = tab.evaluate(DOM_SCAN)
    html = tab.content()
    tab.close()
    if status != 200:
        problems.append(f"{label} {url}: answered {status}")
        return
    problems.extend(f"{label} {url}: ran {call}" for call in ran)
    problems.extend(f"{label} {url}: dialog {dialog}" for dialog in dialogs)
    problems.extend(f"{label} {url}: console {line}" for line in console if "xss(" in line)
    problems.extend(f"{label} {url}: live attribute {attr}" for attr in injected)
    if MARK not in html:
        problems.append(f"{label} {url}: shows none of the corpus (nothing was checked)")
    if TEMPLATE_RESULT in html:
        problems.append(f"{label} {url}: a template expression in the corpus was evaluated")


def test_no_payload_runs_on_any_page(
    transactional_db, django_db_serialized_rollback, live_server, browser
):
    if not settings.POSTGRES_AVAILABLE:
        pytest.skip("the live server's thread cannot see an in-memory SQLite database")
    planter = Planter()
    with translation.override("en"), outside_browser_loop():
        demo, people, comments, urls = plant(planter)

    # Every field took most of the corpus (a refusal is safe, but would check nothing).
    assert len(planter.accepted) >= 12, (planter.accepted, planter.refused)
    for field, count in planter.accepted.items():
        refused = len(planter.refused.get(field, []))
        assert count >= refused, f"{field}: {count} accepted, refused: {planter.refused[field]}"

    server = live_server.url
    visits = {
        None: ["consultation", "replies", "forum", "claim", "fact-check history", "library"],
        comments[-1].author: ["comment edit", "profile"],
        demo["resident"]: ["thread"],
        demo["leader"]: ["brief"],
        demo["moderator"]: ["queue", "appeal"],
        demo["staff"]: ["session manage", "summary"],
    }
    problems = []
    for user, names in visits.items():
        context = browser.new_context(base_url=server, locale="en-GB")
        context.add_init_script(RECORDER)
        if user is not None:
            context.add_cookies([login_cookie(user, server)])
        label = user.email if user else "anonymous"
        for name in names:
            visit(context, urls[name], problems, f"[{name} as {label}]")
        context.close()
    assert not problems, "\n".join(problems)
