"""Tokenism checks: patterns where people are present in name but not in voice.

Five checks, each returning `Finding`s with a translated explanation (what was
measured and why it matters) and a suggested action:

- `sole_voice`: a community group represented by exactly one community leader among
  the participants of a co-design session, or of a consultation and its sessions;
- `present_but_not_heard`: in a session, a group's share of contributions is less than
  half its share of attendance; what counts as a contribution comes from the source
  the owning feature registered for the scope's kind (`register_contribution_source`;
  the co-authored briefs register `brief_voice` for sessions), else from the ledger;
- `gatekeeping`: one leader is the only leader-voice of a group in most of that
  group's sessions over the last 12 months;
- `wider_audience_missing`: almost all of a consultation's declared participants belong
  to its directly affected groups (`TOKENISM_WIDER_AUDIENCE_SHARE`, default 0.9);
- `majority_viewpoint_missing`: the largest baseline group of a dimension is flagged
  under-represented or absent in a representation report.

Every check aggregates in SQL (GROUP BY) and returns no per-person figures. Residents
are never named. Leaders may be named to staff in the sole-voice and gatekeeping
findings, because a leader's mandate is public; `Finding.public()` drops those names
for everyone else (partners, the API). Findings carry no counts, so they cannot reveal
a cell the representation report suppresses; groups with fewer attendees than
`SMALL_CELL_THRESHOLD` are not assessed for "present but not heard".

The modules, by concern: `findings` (the `Finding` and what checks share), `leaders`
(sole voice, gatekeeping), `hearing` (present but not heard), `sources` (contribution
sources and their registry), `audience` (wider audience, majority viewpoint) and
`checks` (`findings_for`, every check for a scope). The package re-exports what
callers use.
"""

from .audience import majority_viewpoint_missing, wider_audience_missing, wider_audience_share
from .checks import findings_for
from .findings import (
    CHECKS,
    GATEKEEPING,
    MAJORITY_MISSING,
    PRESENT_NOT_HEARD,
    SOLE_VOICE,
    WIDER_AUDIENCE_MISSING,
    Finding,
    framing_scopes,
)
from .hearing import present_but_not_heard
from .leaders import gatekeeping, sole_voice
from .sources import (
    LedgerContributors,
    contribution_source,
    ledger_contributors,
    register_contribution_source,
)

__all__ = [
    "CHECKS",
    "GATEKEEPING",
    "MAJORITY_MISSING",
    "PRESENT_NOT_HEARD",
    "SOLE_VOICE",
    "WIDER_AUDIENCE_MISSING",
    "Finding",
    "LedgerContributors",
    "contribution_source",
    "findings_for",
    "framing_scopes",
    "gatekeeping",
    "ledger_contributors",
    "majority_viewpoint_missing",
    "present_but_not_heard",
    "register_contribution_source",
    "sole_voice",
    "wider_audience_missing",
    "wider_audience_share",
]
