"""On the real server (daphne): a 10 MB body answers 413, as JSON under /api/ and as
the 413 page elsewhere, never 500."""

import json
import urllib.error
import urllib.request

import pytest

from tests.liveserver import daphne_factory  # noqa: F401 (fixture)

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

TEN_MB = 10 * 1024 * 1024


def post(url, body, content_type):
    request = urllib.request.Request(  # noqa: S310 (http to our own test server)
        url, data=body, method="POST", headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_a_10_mb_body_answers_413_on_daphne(daphne_factory):  # noqa: F811
    server = daphne_factory()
    body = json.dumps({"text": "a" * TEN_MB}).encode()
    status, headers, content = post(
        f"{server.url}/api/v1/consultations/1/comments", body, "application/json"
    )
    assert status == 413
    assert headers["Content-Type"] == "application/json"
    assert json.loads(content)["code"] == "too_long"

    status, headers, content = post(
        f"{server.url}/en/accounts/login/",
        b"login=a%40example.org&password=" + b"a" * TEN_MB,
        "application/x-www-form-urlencoded",
    )
    assert status == 413
    assert "Too much to send at once" in content.decode()
