"""The HTTP backend against a local fake model server, started in the test on a free
port: good answers are stored with the server's name; a failure of the server is logged
and raises ``SentimentUnavailable`` (the pipeline retries the text later), which
``score_text`` prints as null."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from consultations.services import post_comment
from engage.insights.analysis import analyse_text
from engage.insights.sentiment import SentimentUnavailable, backend_for, get_backend
from engage.insights.sentiment.model_server import ModelServerBackend
from tests.insights.pipeline_support import (  # noqa: F401 - fixtures
    analysis_of,
    open_settings_fixture,
    riverside_fixture,
    writer_fixture,
)


class FakeModelServer:
    """A model server on 127.0.0.1 whose answer each test sets."""

    def __init__(self):
        self.status = 200
        self.body: bytes = b'{"sentiment": 0.5}'
        self.delay = 0.0
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                server.requests.append(
                    {
                        "path": self.path,
                        "content_type": self.headers.get("Content-Type"),
                        "json": json.loads(self.rfile.read(length)),
                    }
                )
                if server.delay:
                    time.sleep(server.delay)
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                self.wfile.write(server.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/score"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def answer(self, body, status=200):
        self.body = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.status = status


@pytest.fixture
def model_server():
    server = FakeModelServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def configured(model_server):
    with override_settings(
        INSIGHTS_SENTIMENT_HTTP_URL=model_server.url,
        INSIGHTS_SENTIMENT_HTTP_LANGUAGES=["fr", "so"],
        INSIGHTS_SENTIMENT_HTTP_TIMEOUT=2,
        INSIGHTS_SENTIMENT_HTTP_NAME="city-model 2.1",
    ):
        yield model_server


def test_a_configured_server_scores_its_languages_with_its_name_and_version(configured):
    configured.answer({"sentiment": -0.42})
    signals = analyse_text("Le bus est toujours en retard.", language="fr")
    assert signals.sentiment == -0.42
    assert signals.backend == "city-model 2.1"
    request = configured.requests[-1]
    assert request["path"] == "/score"
    assert request["content_type"] == "application/json"
    assert request["json"] == {"text": "Le bus est toujours en retard.", "language": "fr"}


def test_the_server_is_not_asked_about_other_languages(configured):
    assert analyse_text("Der Bus ist spät.", language="de").sentiment is None
    # English stays with VADER unless the city configures its server for English.
    assert analyse_text("The bus is late.", language="en").backend.startswith("vader ")
    assert configured.requests == []


def test_the_backend_is_found_by_its_registry_key_or_its_own_name(configured):
    assert get_backend("http").name == "city-model"
    assert get_backend("city-model").version == "2.1"
    assert get_backend("no-such-model") is None


def test_the_backend_is_off_without_a_url():
    assert get_backend("http") is None
    assert backend_for("fr") is None


@pytest.mark.parametrize(
    "body",
    [
        b"not json at all",
        b"",
        b"[0.5]",
        b'{"score": 0.5}',
        b'{"sentiment": "0.5"}',
        b'{"sentiment": true}',
        b'{"sentiment": null}',
        b'{"sentiment": 1.5}',
        b'{"sentiment": -3}',
        b'{"sentiment": NaN}',
        b'{"sentiment": Infinity}',
        b"\xff\xfe",
    ],
)
def test_answers_that_are_not_a_score_in_range_are_a_failure_not_a_score(configured, body, caplog):
    configured.answer(body)
    with caplog.at_level("WARNING", logger="engage.insights.sentiment.model_server"):
        with pytest.raises(SentimentUnavailable):
            analyse_text("Le parc est beau.", language="fr")
        signals = analyse_text("Le parc est beau.", language="fr", unavailable_as_unscored=True)
    assert signals.sentiment is None
    assert signals.backend is None
    assert caplog.records, "the rejected answer is logged"


@pytest.mark.parametrize("status", [204, 400, 500, 503])
def test_error_statuses_are_a_failure_not_a_score(configured, status, caplog):
    configured.answer({"sentiment": 0.5}, status=status)
    with caplog.at_level("WARNING", logger="engage.insights.sentiment.model_server"):
        with pytest.raises(SentimentUnavailable):
            analyse_text("Le parc est beau.", language="fr")
    assert caplog.records


def test_a_slow_server_times_out_as_a_failure(model_server, caplog):
    model_server.delay = 1.5
    backend = ModelServerBackend(model_server.url, languages=["fr"], timeout=0.2, name="slow 1")
    with caplog.at_level("WARNING", logger="engage.insights.sentiment.model_server"):
        with pytest.raises(SentimentUnavailable, match="unreachable"):
            backend.score("Le parc est beau.", "fr")
    assert "unreachable" in caplog.text


def test_a_server_that_is_down_is_a_failure(caplog):
    server = FakeModelServer()  # bound to a free port, then closed without serving
    url = server.url
    server.httpd.server_close()
    backend = ModelServerBackend(url, languages=["fr"], timeout=1, name="down")
    with caplog.at_level("WARNING", logger="engage.insights.sentiment.model_server"):
        with pytest.raises(SentimentUnavailable, match="unreachable"):
            backend.score("Le parc est beau.", "fr")
    assert "unreachable" in caplog.text


def test_an_oversized_answer_is_rejected(configured):
    configured.answer(b'{"sentiment": 0.5, "pad": "' + b"x" * 70_000 + b'"}')
    with pytest.raises(SentimentUnavailable):
        analyse_text("Le parc est beau.", language="fr")


def test_a_bare_name_gets_version_one(model_server):
    backend = ModelServerBackend(model_server.url, languages=["fr"], timeout=1, name="citymodel")
    assert (backend.name, backend.version) == ("citymodel", "1")


def test_score_text_prints_null_when_the_server_fails(configured, caplog):
    configured.answer({"sentiment": 0.5}, status=503)
    out = StringIO()
    with caplog.at_level("WARNING", logger="engage.insights.sentiment.model_server"):
        call_command("score_text", "--lang", "fr", "Le parc est beau.", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["language"] == "fr"
    assert printed["sentiment"] is None and printed["backend"] is None
    assert "503" in caplog.text


@pytest.mark.django_db
def test_the_pipeline_stores_a_server_failure_as_a_failed_attempt_and_retries_it(
    configured, riverside, writer
):
    # The test transaction never commits, so no worker runs: analyse_texts does the work.
    comment = post_comment(writer, riverside, "Le parc est beau et propre.", language="fr")
    configured.answer({"sentiment": 0.5}, status=503)
    call_command("analyse_texts", stdout=StringIO(), stderr=StringIO())
    row = analysis_of(comment)
    assert row.analysed_at is None and row.sentiment is None  # failed, not "not scored"
    configured.answer({"sentiment": 0.5})
    call_command("analyse_texts", stdout=StringIO(), stderr=StringIO())
    row = analysis_of(comment)
    assert row.analysed_at is not None
    assert (row.sentiment, row.sentiment_backend) == (0.5, "city-model 2.1")
