"""Representation reports, tokenism checks, alerts and self-declarations
(engage.communities), and the small-cell threshold every published aggregate uses."""

from .environment import env, env_list

# Aggregates below this count are published as "fewer than N" (privacy).
SMALL_CELL_THRESHOLD = int(env("SMALL_CELL_THRESHOLD", "10"))

# Representation reports (engage.communities.representation). A group is flagged
# under-represented when its share is below UNDER_RATIO x its baseline share and the
# 95% Wilson interval lies wholly below the baseline; over-represented likewise above.
REPRESENTATION_UNDER_RATIO = float(env("REPRESENTATION_UNDER_RATIO", "0.8"))
REPRESENTATION_OVER_RATIO = float(env("REPRESENTATION_OVER_RATIO", "1.25"))
# "Absent": nobody, where at least this many were expected (baseline share x declared).
REPRESENTATION_ABSENT_EXPECTED = float(env("REPRESENTATION_ABSENT_EXPECTED", "5"))
# Below this many declarations in a dimension, groups are "too few declarations to say".
REPRESENTATION_MIN_DECLARED = int(env("REPRESENTATION_MIN_DECLARED", "30"))
REPRESENTATION_CACHE_SECONDS = int(env("REPRESENTATION_CACHE_SECONDS", str(24 * 3600)))
# A consultation marked "adults only" leaves these groups (dimension:code) out of its
# representation reports: neither expected nor flagged absent (docs/representation.md).
REPRESENTATION_ADULTS_ONLY_EXCLUDES = env_list(
    "REPRESENTATION_ADULTS_ONLY_EXCLUDES", "age_band:0-14"
)
# The area whose baseline city-wide reports use; empty: the only top-level area, if one.
CITY_AREA_CODE = env("CITY_AREA_CODE", "")
# Tokenism "wider audience missing": this share of declared participants or more comes
# from the consultation's directly affected groups.
TOKENISM_WIDER_AUDIENCE_SHARE = float(env("TOKENISM_WIDER_AUDIENCE_SHARE", "0.9"))
# Staff are alerted when a consultation open this many days has a group under-represented
# or absent (engage.communities.alerts).
REPRESENTATION_ALERT_AFTER_DAYS = int(env("REPRESENTATION_ALERT_AFTER_DAYS", "7"))
# Self-declarations: deleted after this many days without taking part anywhere.
DECLARATION_RETENTION_DAYS = int(env("DECLARATION_RETENTION_DAYS", "730"))
# Recorded with each consent; bump when the privacy notice or purpose text changes.
DECLARATION_PRIVACY_NOTICE_VERSION = env("DECLARATION_PRIVACY_NOTICE_VERSION", "2026-01")
DECLARATION_PURPOSE_VERSION = env("DECLARATION_PURPOSE_VERSION", "1")
