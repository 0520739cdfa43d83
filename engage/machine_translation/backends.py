"""Machine translation backends: the interface, the null backend (the default) and a
LibreTranslate-compatible HTTP backend.

A backend has `enabled`, `translate(texts, source, target)` and `languages()`.
`translate` answers a list of translated texts, one per text and in the same order, or
an empty list when it has no translation: backends never raise for a service that is
down, slow, refusing or talking nonsense. They log it (`engage.machine_translation`)
and the reader sees the original.

`get_backend()` builds the backend that settings.MACHINE_TRANSLATION_BACKEND names.
"""

import json
import logging
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.utils.module_loading import import_string

from .conf import setting

logger = logging.getLogger("engage.machine_translation")


class TranslationBackend:
    """The interface. Subclasses override `translate` and `languages`."""

    enabled = True

    def translate(self, texts, source, target):
        """`texts` (a list of plain texts) from language `source` into `target`: a list
        of the same length, or [] when there is no translation."""
        raise NotImplementedError

    def languages(self):
        """The language codes the service translates between ([] when unknown)."""
        raise NotImplementedError


class NullBackend(TranslationBackend):
    """The feature is off: nothing is translated, nothing leaves the platform."""

    enabled = False

    def translate(self, texts, source, target):
        return []

    def languages(self):
        return []


class ServiceError(Exception):
    """The service did not give a usable answer (logged, then swallowed)."""


class LibreTranslateBackend(TranslationBackend):
    """A LibreTranslate-compatible service: `POST <url>/translate` with q, source,
    target, format=text and api_key; `GET <url>/languages`.

    `timeout` bounds the whole call, not only each socket read: a service that sends its
    answer a byte at a time is cut off too. Texts longer than `max_chars` in total are
    not sent; answers longer than `max_response_bytes` are refused.
    """

    def __init__(self, url, api_key="", timeout=5.0, max_chars=5000, max_response_bytes=262144):
        self.url = (url or "").rstrip("/")
        self.api_key = api_key or ""
        self.timeout = float(timeout)
        self.max_chars = int(max_chars)
        self.max_response_bytes = int(max_response_bytes)

    def translate(self, texts, source, target):
        texts = [str(text) for text in texts]
        if not texts:
            return []
        if sum(len(text) for text in texts) > self.max_chars:
            logger.info(
                "Machine translation skipped: %s characters is over the limit.",
                sum(len(text) for text in texts),
            )
            return []
        payload = {"q": texts, "source": source, "target": target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        try:
            answer = self._call("POST", "/translate", payload)
            return self._translations(answer, len(texts))
        except ServiceError as error:
            logger.warning("Machine translation %s->%s failed: %s", source, target, error)
            return []

    def languages(self):
        try:
            answer = self._call("GET", "/languages")
            if not isinstance(answer, list):
                raise ServiceError("the language list is not a list")
            return sorted(
                {
                    item["code"]
                    for item in answer
                    if isinstance(item, dict) and isinstance(item.get("code"), str)
                }
            )
        except ServiceError as error:
            logger.warning("Machine translation languages failed: %s", error)
            return []

    @staticmethod
    def _translations(answer, count):
        if not isinstance(answer, dict):
            raise ServiceError("the answer is not a JSON object")
        if "error" in answer:
            raise ServiceError(f"the service says: {str(answer['error'])[:200]}")
        translated = answer.get("translatedText")
        if isinstance(translated, str) and count == 1:
            translated = [translated]
        if (
            not isinstance(translated, list)
            or len(translated) != count
            or not all(isinstance(text, str) for text in translated)
        ):
            raise ServiceError("the answer has no translatedText for every text")
        return translated

    def _call(self, method, path, payload=None):
        if urlsplit(self.url).scheme not in {"http", "https"}:
            raise ServiceError("MACHINE_TRANSLATION_URL is not an http(s) address")
        deadline = time.monotonic() + self.timeout
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            self.url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = self._read(response, deadline)
        except urllib.error.HTTPError as error:
            raise ServiceError(f"HTTP {error.code}") from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise ServiceError(f"unreachable or too slow ({error})") from None
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise ServiceError("the answer is not JSON") from None

    def _read(self, response, deadline):
        chunks, size = [], 0
        while True:
            if time.monotonic() > deadline:
                raise ServiceError("the answer took longer than the timeout")
            chunk = response.read1(8192)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_response_bytes:
                raise ServiceError("the answer is larger than the limit")
            chunks.append(chunk)


BACKENDS = {"null": NullBackend, "": NullBackend, "libretranslate": LibreTranslateBackend}


def get_backend():
    """The backend settings name (a short name or a dotted path). A LibreTranslate
    backend without a URL, or a name that does not import, is logged and off."""
    name = (setting("MACHINE_TRANSLATION_BACKEND") or "null").strip()
    if name not in BACKENDS:
        try:
            backend_class = import_string(name)
        except ImportError:
            logger.error(
                "MACHINE_TRANSLATION_BACKEND %r does not import; translation is off.", name
            )
            return NullBackend()
        return backend_class()
    if BACKENDS[name] is NullBackend:
        return NullBackend()
    url = setting("MACHINE_TRANSLATION_URL")
    if not url:
        logger.error("MACHINE_TRANSLATION_URL is empty; machine translation is off.")
        return NullBackend()
    return LibreTranslateBackend(
        url,
        api_key=setting("MACHINE_TRANSLATION_API_KEY"),
        timeout=setting("MACHINE_TRANSLATION_TIMEOUT"),
        max_chars=setting("MACHINE_TRANSLATION_MAX_CHARS"),
        max_response_bytes=setting("MACHINE_TRANSLATION_MAX_RESPONSE_BYTES"),
    )
