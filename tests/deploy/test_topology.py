"""The production topology on one machine (deploy/topology.py): nginx in front of two
daphne workers, the django-tasks database worker, PostgreSQL and Redis, all real
processes on engage.settings.production.

It proves what a city gains by adding workers: a comment posted through worker 1
reaches pages whose sockets are held by worker 2 and by nginx; two people co-editing
one brief on two different workers converge (the brief rooms relay through the channel
layer, PostgreSQL holding the truth), and someone who opens it later through nginx gets
the whole document. And that the rest of the topology does its part: nginx serves
static files and private files (X-Accel-Redirect to /_protected/), the db_worker runs
the tasks requests enqueue.

The topology starts once for the module and is stopped (every process by its pid) at
the end. Tests that create rows are transactional: the workers see only committed rows.
Without nginx (and no root to install it) the module is skipped, unless
REQUIRE_SERVICES=1.
"""

import asyncio
import json
import secrets
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from pycrdt import XmlElement, XmlText

from consultations.briefs import services as brief_services
from consultations.briefs import ydoc
from consultations.briefs.models import Brief, BriefUpdate
from consultations.models import Comment, ModerationMode
from tests.briefs.conftest import add_coauthor, make_session
from tests.briefs.yclient import YClient, clocks, paragraph_text
from tests.factories import PASSWORD, UserFactory, build_consultation
from tests.liveserver import OP_BINARY, Closed, WebSocket, service_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
# Tests that write rows the workers must see commit them (and flush them afterwards).
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TIMEOUT = 20


def _missing(reason):
    if settings.REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def topology(django_db_setup, django_db_blocker):
    """nginx + two daphne workers + db_worker on this run's test database and Redis."""
    from deploy.processes import TopologyError, ensure_nginx
    from deploy.topology import Topology

    if not (settings.POSTGRES_AVAILABLE and settings.REDIS_AVAILABLE):
        _missing("the topology needs PostgreSQL and Redis")
    try:
        ensure_nginx(log=lambda _m: 0)
    except TopologyError as error:
        _missing(str(error))
    with django_db_blocker.unblock():
        env = {
            **service_env(),
            # The test creates sessions the workers must read.
            "SECRET_KEY": settings.SECRET_KEY,
            "MODERATION_TRUSTED_AFTER": "0",
            "CONN_MAX_AGE": "0",
        }
    running = Topology(
        workers=2,
        env=env,
        migrate=False,
        collectstatic=False,
        # Static files are nginx's: a folder of our own instead of running collectstatic.
        static_root=tempfile.mkdtemp(prefix="engage-static-"),
        log=lambda _m: 0,
    )
    running.static_root.chmod(0o755)  # nginx's worker user reads it
    running.start()
    yield running
    running.stop()
    shutil.rmtree(running.static_root, ignore_errors=True)
    with django_db_blocker.unblock():
        from django.db import connection

        # Nothing of the workers may outlive them, or the test database cannot be dropped.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def session_cookie(user):
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client.cookies["sessionid"].value


def post_form(url, fields, cookie):
    """POST a form as a signed-in browser would (session and CSRF cookies, Origin)."""
    csrf = secrets.token_hex(16)  # an unmasked 32-character CSRF secret
    origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(url))
    request = urllib.request.Request(  # noqa: S310 - a local test server
        url,
        data=urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": csrf}).encode(),
        headers={"Cookie": f"sessionid={cookie}; csrftoken={csrf}", "Origin": origin},
        method="POST",
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


async def next_event(socket, event, timeout=TIMEOUT):
    """The next JSON message on `socket` whose event is `event`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        message = await socket.recv_json(timeout=max(0.1, deadline - loop.time()))
        if message.get("event") == event:
            return message


def ready_through_nginx(topology):
    """GET /readyz through nginx until it answers 200, as a load balancer's health check
    would (a check can miss its 3 s deadline once on a machine this loaded)."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(f"{topology.url}/readyz", timeout=TIMEOUT) as response:  # noqa: S310
                return response.headers, json.loads(response.read())
        except urllib.error.HTTPError as error:
            if time.monotonic() > deadline:
                raise AssertionError(f"/readyz: {error.code} {error.read()!r}") from error
            time.sleep(0.5)


# A database test, even if it writes nothing: pytest-django sets up the test database
# (which the topology's workers use) only for runs that include one.
@pytest.mark.django_db
def test_health_goes_through_nginx_and_private_files_are_internal(topology):
    headers, body = ready_through_nginx(topology)
    assert headers["Server"] == "nginx"
    assert body["status"] == "ok"
    assert {check["status"] for check in body["checks"].values()} == {"ok"}
    (topology.static_root / "engage-check.css").write_text("main { color: teal; }")
    static = f"{topology.url}/static/engage-check.css"
    with urllib.request.urlopen(static, timeout=TIMEOUT) as response:  # noqa: S310
        assert response.read() == b"main { color: teal; }"
        assert response.headers["Content-Type"] == "text/css"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{topology.url}/_protected/exports/x.csv", timeout=TIMEOUT)  # noqa: S310
    assert refused.value.code == 404
    assert topology.task_worker.poll() is None


@committed
def test_a_comment_posted_through_worker_1_reaches_sockets_on_worker_2_and_nginx(
    topology, consultation_index
):
    page = build_consultation(
        consultation_index,
        title="Park benches",
        slug="park-benches",
        moderation_mode=ModerationMode.POST,
    )
    poster = UserFactory(display_name="Amina")
    cookie = session_cookie(poster)
    first, second = topology.workers
    path = f"/ws/consultations/{page.pk}/"
    text = f"More benches by the pond ({secrets.token_hex(4)})."

    async def scenario():
        on_worker_2 = await WebSocket.connect(second.ws_url + path)
        through_nginx = await WebSocket.connect(topology.ws_url + path)
        try:
            # Both sockets are subscribed once they answer a ping.
            for socket in (on_worker_2, through_nginx):
                await socket.send_json({"type": "ping", "id": 1})
                await next_event(socket, "pong")
            status = await asyncio.to_thread(
                post_form,
                f"{first.url}/en/comments/new/{page.pk}/",
                {"text": text, "language": "en"},
                cookie,
            )
            assert status == 302
            return [
                (await next_event(socket, "comment.created"))["data"]
                for socket in (on_worker_2, through_nginx)
            ]
        finally:
            await on_worker_2.close()
            await through_nginx.close()

    received = asyncio.run(scenario())

    comment = Comment.objects.get(consultation=page)
    for data in received:
        assert data["id"] == comment.pk
        assert data["author"] == "Amina"
        assert text in data["body_html"]


@committed
def test_a_reply_posted_through_nginx_is_emailed_by_the_task_worker(topology, consultation_index):
    """The reply notification is a task: the request enqueues it in PostgreSQL and the
    topology's db_worker sends it (EMAIL_URL=console: prints it in the worker's log)."""
    from django_tasks_db.models import DBTaskResult

    from consultations.services import post_comment

    page = build_consultation(
        consultation_index, title="Bus stops", slug="bus-stops", moderation_mode=ModerationMode.POST
    )
    author = UserFactory(display_name="Jonas")
    comment = post_comment(author, page, "A shelter at the hospital stop, please.")
    replier = UserFactory(display_name="Amina")
    before = set(DBTaskResult.objects.values_list("pk", flat=True))

    status = post_form(
        f"{topology.url}/en/comments/{comment.pk}/reply/",
        {"text": "Yes, and a bench too.", "language": "en"},
        session_cookie(replier),
    )
    assert status == 302

    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        tasks = list(DBTaskResult.objects.exclude(pk__in=before))
        if tasks and all(task.status == "SUCCESSFUL" for task in tasks):
            break
        time.sleep(0.2)
    assert tasks, "the reply enqueued no task"
    assert {task.status for task in tasks} == {"SUCCESSFUL"}
    assert author.email in topology.task_worker.output()


@committed
def test_a_private_file_is_checked_by_engage_and_sent_by_nginx(topology, settings):
    """ "Download my data": the worker checks who asks and answers only
    `X-Accel-Redirect: /_protected/...`; nginx sends the file from PRIVATE_ROOT."""
    from engage.accounts.privacy import exports

    settings.PRIVATE_ROOT = topology.env["PRIVATE_ROOT"]  # where the workers look
    owner = UserFactory()
    job = exports.start_download(owner)  # built at once here (tests' immediate tasks)
    job.refresh_from_db()
    content = exports.file_path(job).read_bytes()
    assert content
    cookie = session_cookie(owner)
    path = f"/en/accounts/privacy/download/{job.pk}/"

    def get(base, who):
        request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={who}"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return response.headers, response.read()

    headers, body = get(topology.workers[0].url, cookie)
    assert headers["X-Accel-Redirect"].startswith("/_protected/personal-data/")
    assert body == b""
    headers, body = get(topology.url, cookie)
    assert body == content
    assert headers["X-Accel-Redirect"] is None
    assert "attachment" in headers["Content-Disposition"]
    with pytest.raises(urllib.error.HTTPError) as stranger:
        get(topology.url, session_cookie(UserFactory()))
    assert stranger.value.code == 404


class SocketTransport:
    """YClient's transport over a real WebSocket; a reader task keeps frames whole."""

    def __init__(self, socket):
        self.socket = socket
        self.closed_with = None
        self.inbox = asyncio.Queue()
        self.reader = asyncio.ensure_future(self._read())

    @classmethod
    async def open(cls, url, cookie):
        return cls(await WebSocket.connect(url, headers={"Cookie": f"sessionid={cookie}"}))

    async def _read(self):
        try:
            while True:
                data = await self.socket.recv()
                await self.inbox.put(data.encode() if isinstance(data, str) else data)
        except Closed as closed:
            self.closed_with = closed.code
            await self.inbox.put(None)

    async def send(self, data):
        await self.socket._send(OP_BINARY, data)

    async def receive(self, timeout):
        if self.closed_with is not None and self.inbox.empty():
            return None
        try:
            return await asyncio.wait_for(self.inbox.get(), timeout)
        except TimeoutError:
            return None

    async def close(self):
        self.reader.cancel()
        await self.socket.close()


async def finished(tasks):
    await asyncio.gather(*tasks, return_exceptions=True)


async def settle(*clients, timeout=TIMEOUT):
    """Let messages flow until every client holds the same document (or `timeout`)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await asyncio.gather(*(client.pump(timeout=0.3, idle=0.1) for client in clients))
        states = {(tuple(sorted(clocks(c.doc).items())), c.html()) for c in clients}
        if len(states) == 1:
            return


@committed
def test_a_brief_co_edited_on_two_workers_converges(topology):
    """Phase 1 (the join race): worker 1 applies and relays an edit but cannot log it
    yet (the test holds the brief's row lock, as a slow database would), and someone
    opens the brief on worker 2, whose room loads the document without that edit. The
    room asks the other processes what it lacks, so the edit still arrives.
    Phase 2: both type at once; both replicas, a late reader and the database agree."""
    session = make_session()
    cookies = [session_cookie(add_coauthor(session)) for _ in range(2)]
    brief = brief_services.brief_for_session(session)
    first, second = topology.workers
    path = f"/ws/codesign/briefs/{session.pk}/"

    async def type_tokens(client, mine, name):
        for step in range(15):
            text = paragraph_text(client.doc)
            token = f"<{name}{step}>"
            # At the start or after one of the others' tokens: edits interleave.
            at = 0 if step % 2 else len(str(text))
            await client.edit(lambda _doc, at=at, token=token, text=text: text.insert(at, token))
            mine.append(token)
            await client.pump(timeout=0.02, idle=0.01)

    def seed(doc):
        ydoc.fragment(doc).children.append(XmlElement("paragraph", {}, [XmlText("<start>")]))

    async def join_race():
        one = YClient(await SocketTransport.open(first.ws_url + path, cookies[0]), "one")
        assert await one.handshake(timeout=TIMEOUT), one.events
        await one.edit(seed)
        two = YClient(await SocketTransport.open(second.ws_url + path, cookies[1]), "two")
        assert await two.handshake(timeout=TIMEOUT), two.events
        await two.pump(until=lambda: "<start>" in two.text(), timeout=TIMEOUT)
        return one, two

    async def co_edit(one, two):
        tokens = {"one": [], "two": []}
        await asyncio.gather(
            type_tokens(one, tokens["one"], "a"), type_tokens(two, tokens["two"], "b")
        )
        await settle(one, two)
        texts = (one.text(), two.text())
        htmls = (one.html(), two.html())
        errors = one.errors() + two.errors()
        await one.transport.close()
        await two.transport.close()
        # Someone opening it later, through nginx, gets the whole document.
        late = YClient(await SocketTransport.open(topology.ws_url + path, cookies[0]), "late")
        assert await late.handshake(timeout=TIMEOUT), late.events
        late_text = late.text()
        await late.transport.close()
        return texts, htmls, errors, tokens, late_text

    loop = asyncio.new_event_loop()
    try:
        with transaction.atomic():
            Brief.objects.select_for_update().get(pk=brief.pk)
            one, two = loop.run_until_complete(join_race())
            assert not BriefUpdate.objects.filter(brief=brief).exists()  # not logged yet
            assert two.text() == one.text() == "<start>"
        texts, htmls, errors, tokens, late_text = loop.run_until_complete(co_edit(one, two))
    finally:
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        loop.run_until_complete(finished(pending))
        loop.close()

    assert errors == []
    assert texts[0] == texts[1] and htmls[0] == htmls[1]
    for token in ["<start>", *tokens["one"], *tokens["two"]]:
        assert token in texts[0]
    assert late_text == texts[0]
    # PostgreSQL holds the truth: every edit is in the stored document (logged within
    # FLUSH_DELAY of arriving, once the lock is gone; the last room folds the log in).
    for _attempt in range(100):
        stored, _last = brief_services.load_document(brief.pk)
        if ydoc.plain_text(stored) == texts[0]:
            break
        time.sleep(0.1)
    assert ydoc.plain_text(stored) == texts[0]
