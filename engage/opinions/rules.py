"""Who may see, vote on, add statements to and administer opinion maps.

The object is an `OpinionMap` (a statement's rules are the moderation app's). Views,
the API, the template tag and the Wagtail admin ask these rules, so they all agree:

- `opinions.view_map`: anyone for an open or closed map; city staff also for a draft.
- `opinions.vote`: a verified resident (signed in, email verified), on an open map.
  There is no anonymous voting (docs/opinion-maps.md says why).
- `opinions.submit_statement`: a verified resident, on an open map that accepts
  residents' statements.
- `opinions.manage_map`: city staff (the Wagtail viewset and the seed statements).

Suspended and banned accounts pass these rules; the services refuse them with the
moderation app's message (`check_can_post`), as comments do.
"""

import rules

from engage.accounts.rules import is_city_staff, is_verified

from .models import MapStatus

VIEW_MAP = "opinions.view_map"
VOTE = "opinions.vote"
SUBMIT_STATEMENT = "opinions.submit_statement"
MANAGE_MAP = "opinions.manage_map"


@rules.predicate
def is_public_map(user, opinion_map):
    """Open or closed (not a draft)."""
    return opinion_map is not None and opinion_map.status != MapStatus.DRAFT


@rules.predicate
def is_open_map(user, opinion_map):
    return opinion_map is not None and opinion_map.status == MapStatus.OPEN


@rules.predicate
def accepts_statements(user, opinion_map):
    return opinion_map is not None and bool(opinion_map.accepts_statements)


can_view_map = is_public_map | is_city_staff
can_vote = is_verified & is_open_map
can_submit_statement = is_verified & is_open_map & accepts_statements
can_manage_map = is_city_staff

RULES = {
    VIEW_MAP: can_view_map,
    VOTE: can_vote,
    SUBMIT_STATEMENT: can_submit_statement,
    MANAGE_MAP: can_manage_map,
}

for _name, _predicate in RULES.items():
    rules.set_rule(_name, _predicate)
    rules.set_perm(_name, _predicate)
