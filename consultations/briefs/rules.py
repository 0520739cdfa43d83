"""Who may do what with a co-authored brief. Nothing else decides it.

Every rule takes `(user, brief)`. Co-authors are decided by the co-design app
(`codesign.edit_brief`: city staff, invited co-authors with a place, leaders with a
place); session participants by `codesign.view_notes`.

| action | drafting | final | published |
|---|---|---|---|
| `briefs.view` | co-authors, participants | co-authors, participants | whoever may see the session |
| `briefs.comment` | co-authors, participants | co-authors, participants | nobody |
| `briefs.suggest` | co-authors, participants | nobody | nobody |
| `briefs.edit` (the live document, restoring a revision, deciding suggestions) | co-authors | nobody | nobody |
| `briefs.sign_off` | nobody | co-authors who are not staff | nobody |
| `briefs.mark_final` | staff | nobody | nobody |
| `briefs.reopen` | nobody | staff | nobody |
| `briefs.publish` | nobody | staff | nobody |
| `briefs.view_drafting` (comments, suggestions, revisions) | co-authors, participants | co-authors, participants | co-authors, participants |
| `briefs.view_contributions` | staff | staff | staff |

Readers of a published brief who are not co-authors or participants get only the
published text and the co-authors who agreed to be named, never the drafting record.

Predicates do not cache: a co-author removed while connected loses the right at their
next update.
"""

import rules

from engage.accounts.rules import is_city_staff


def _session(brief):
    return getattr(brief, "session", None)


@rules.predicate
def is_drafting(user, brief):
    return brief is not None and brief.status == brief.Status.DRAFTING


@rules.predicate
def is_final(user, brief):
    return brief is not None and brief.status == brief.Status.FINAL


@rules.predicate
def is_published(user, brief):
    return brief is not None and brief.status == brief.Status.PUBLISHED


@rules.predicate
def is_coauthor(user, brief):
    """May co-author the brief's session (`codesign.edit_brief`)."""
    return brief is not None and rules.test_rule("codesign.edit_brief", user, _session(brief))


@rules.predicate
def is_participant(user, brief):
    """Takes part in the brief's session (`codesign.view_notes`)."""
    return brief is not None and rules.test_rule("codesign.view_notes", user, _session(brief))


@rules.predicate
def may_view_session(user, brief):
    return brief is not None and rules.test_rule("codesign.view_session", user, _session(brief))


can_view = (is_published & may_view_session) | is_coauthor | is_participant
can_view_drafting = is_coauthor | is_participant | is_city_staff
can_comment = ~is_published & (is_coauthor | is_participant)
can_suggest = is_drafting & (is_coauthor | is_participant)
can_edit = is_drafting & is_coauthor
can_sign_off = is_final & is_coauthor & ~is_city_staff
can_mark_final = is_drafting & is_city_staff
can_reopen = is_final & is_city_staff
can_publish = is_final & is_city_staff
can_view_contributions = is_city_staff

RULES = {
    "briefs.view": can_view,
    "briefs.view_drafting": can_view_drafting,
    "briefs.comment": can_comment,
    "briefs.suggest": can_suggest,
    "briefs.edit": can_edit,
    "briefs.sign_off": can_sign_off,
    "briefs.mark_final": can_mark_final,
    "briefs.reopen": can_reopen,
    "briefs.publish": can_publish,
    "briefs.view_contributions": can_view_contributions,
}

for _name, _predicate in RULES.items():
    rules.add_rule(_name, _predicate)
    rules.add_perm(_name, _predicate)
