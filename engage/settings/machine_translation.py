"""Machine translation of resident content (engage.machine_translation,
docs/machine-translation.md). Off by default.

MACHINE_TRANSLATION_BACKEND: "null" (the default: nothing is translated and no page
changes), "libretranslate" (a LibreTranslate-compatible HTTP service at
MACHINE_TRANSLATION_URL, with MACHINE_TRANSLATION_API_KEY when it asks for one), or
the dotted path of a backend class. Turning it on sends residents' published text to
that service: see the privacy note in the docs.

Every value is read from the environment, in development, tests and production alike.
"""

from .environment import env

MACHINE_TRANSLATION_BACKEND = env("MACHINE_TRANSLATION_BACKEND", "null")
MACHINE_TRANSLATION_URL = env("MACHINE_TRANSLATION_URL", "")
MACHINE_TRANSLATION_API_KEY = env("MACHINE_TRANSLATION_API_KEY", "")
# Seconds for one call to the service, all of it (connecting, sending, reading). Pages
# never wait for it: they ask the translation endpoint after they have loaded.
MACHINE_TRANSLATION_TIMEOUT = float(env("MACHINE_TRANSLATION_TIMEOUT", "5"))
# Longest text sent (characters); longer contents are not translated.
MACHINE_TRANSLATION_MAX_CHARS = int(env("MACHINE_TRANSLATION_MAX_CHARS", "5000"))
# Largest answer read from the service (bytes); a longer one counts as a failure.
MACHINE_TRANSLATION_MAX_RESPONSE_BYTES = int(
    env("MACHINE_TRANSLATION_MAX_RESPONSE_BYTES", str(256 * 1024))
)
# How long a translation is kept in the cache (seconds; an edit makes a new key anyway).
MACHINE_TRANSLATION_CACHE_SECONDS = int(env("MACHINE_TRANSLATION_CACHE_SECONDS", "2592000"))
# After a failure, how long before the service is asked again for the same text.
MACHINE_TRANSLATION_RETRY_SECONDS = int(env("MACHINE_TRANSLATION_RETRY_SECONDS", "300"))
