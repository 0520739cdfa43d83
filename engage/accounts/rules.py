"""Who may do what. Views, templates, the API and consumers all ask these predicates.

This module is the one place that turns accounts, groups, leadership mandates, partner
memberships and two-factor set-up into decisions. The roles:

- resident: an active account with a verified email address (`is_verified`);
- community leader: an active `CommunityLeadership`, granted by staff (`is_leader`);
- moderator: in the "Moderators" group (`is_moderator`);
- city staff: in the "City staff" group (`is_city_staff`); `is_staff` opens the admin;
- partner member: a `policy.PartnerMembership` of an active organisation
  (`is_partner_member`); what a partner may see comes from its `PartnerGrant`s.

Superusers count as moderators and city staff.

Ask the composed rules with `rules.test_rule("accounts.export", user, scope)` (or the
`{% test_rule %}` template tag). They are also registered as permissions for
`user.has_perm(...)`, but Django answers True to every permission of an active
superuser without asking, so checks that must insist on two-factor authentication
(moderate, export, access_admin) should use `test_rule`.

Each predicate reads at most once per user object and caches the answer on it
(`_engage_roles`); a request loads its user once, so that is once per request.
Call `forget_roles(user)` after changing someone's roles within the same request.
The view restrictions, verified email and group names come from the shared cache
between requests (`role_cache`: versioned, bumped by every write that changes them,
never used inside a transaction).
"""

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from engage.communities.scopes import Scope
from engage.policy.access_log import note_grant_use
from engage.policy.models import PartnerGrant, PartnerMembership

from . import role_cache

MODERATORS = "Moderators"
CITY_STAFF = "City staff"

_CACHE_ATTRIBUTE = "_engage_roles"


def _cache(user):
    cache = getattr(user, _CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTRIBUTE, cache)
    return cache


def _cached(user, key, compute):
    try:
        cache = _cache(user)
    except AttributeError:  # no user object to remember it on (None)
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def forget_roles(user):
    """Drop the cached role answers on `user` (after granting or revoking a role)."""
    if user is not None and hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _is_active_account(user):
    return bool(user and user.is_authenticated and user.is_active)


def group_names(user):
    """The names of the Django groups the user is in (shared cache, `role_cache`; one
    query per user object on a miss)."""
    if not _is_active_account(user):
        return frozenset()
    return _cached(user, "groups", lambda: _person(user, "groups"))


def _shared(user):
    """What `role_cache` holds for `user` (one cache round trip per user object)."""
    return _cached(user if user is not None else object(), "shared", lambda: role_cache.load(user))


def _read_groups(user):
    return frozenset(user.groups.values_list("name", flat=True))


def _read_verified(user):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


_PERSON = {"groups": _read_groups, "verified": _read_verified}


def _person(user, name):
    """`name` ("groups" or "verified") of `user`: from the shared cache; on a miss both
    are read and kept there; without the cache (inside a transaction) only `name`."""
    shared = _shared(user)
    person = shared.get("person")
    if person is None:
        if not shared.get("tokens"):
            return _PERSON[name](user)
        person = {what: read(user) for what, read in _PERSON.items()}
        shared["person"] = person
        role_cache.store(shared, role_cache.person_key(user), person)
    return person[name]


def led_group_ids(user):
    """Ids of the community groups (communities.Category) the user leads now."""
    if not _is_active_account(user):
        return frozenset()
    return _cached(
        user,
        "led_groups",
        lambda: frozenset(
            user.leaderships.filter(revoked_at__isnull=True).values_list(
                "community_group_id", flat=True
            )
        ),
    )


def partner_grants(user):
    """(scope, access) pairs granted to the active partner organisations of the user."""
    if not _is_active_account(user):
        return frozenset()

    def load():
        return frozenset(PartnerGrant.objects.usable_by(user).values_list("scope", "access"))

    return _cached(user, "partner_grants", load)


@rules.predicate
def is_verified(user):
    """A resident: signed in to an active account with a verified email address."""
    if not _is_active_account(user):
        return False
    return _cached(user, "verified", lambda: _person(user, "verified"))


@rules.predicate
def is_leader(user, community_group=None):
    """A community leader with an active mandate; for `community_group` when given.

    `community_group` may be a `communities.Category` or its primary key.
    """
    led = led_group_ids(user)
    if community_group is None:
        return bool(led)
    group_id = getattr(community_group, "pk", community_group)
    try:
        return int(group_id) in led
    except (TypeError, ValueError):
        return False


@rules.predicate
def is_moderator(user):
    return _is_active_account(user) and (user.is_superuser or MODERATORS in group_names(user))


@rules.predicate
def is_city_staff(user):
    return _is_active_account(user) and (user.is_superuser or CITY_STAFF in group_names(user))


@rules.predicate
def is_partner_member(user):
    """Works for at least one active partner organisation."""
    if not _is_active_account(user):
        return False

    def load():
        return PartnerMembership.objects.filter(user=user, organisation__is_active=True).exists()

    return _cached(user, "partner_member", load)


@rules.predicate
def has_mfa(user):
    """TOTP is set up (or the account is exempt by settings.ENGAGE_MFA_EXEMPT_EMAILS)."""
    if not _is_active_account(user):
        return False
    exempt = {email.lower() for email in settings.ENGAGE_MFA_EXEMPT_EMAILS}
    if user.email and user.email.lower() in exempt:
        return True

    def load():
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    return _cached(user, "mfa", load)


def _as_scope(scope):
    """A `Scope` from a Scope or its text; None when missing or malformed."""
    if scope is None or isinstance(scope, Scope):
        return scope
    try:
        return Scope.parse(str(scope))
    except ValidationError:
        return None


def _grant_covers(grant_scope, scope):
    """A `city` grant covers every scope; any other grant covers exactly its own."""
    granted = _as_scope(grant_scope)
    if granted is None or scope is None:
        return False
    return granted.kind == "city" or granted == scope


def partner_access_for(user, scope, accesses):
    """True when a grant of one of `accesses` (PartnerGrant.Access values) covers `scope`."""
    wanted = _as_scope(scope)
    if wanted is None:
        return False
    for grant_scope, access in partner_grants(user):
        if access in accesses and _grant_covers(grant_scope, wanted):
            # The agreement behind the grant is audited for this request (access_log).
            note_grant_use(user, grant_scope, access)
            return True
    return False


def partner_grants_used(user, accesses, kinds=None):
    """The (scope, access) pairs of `user`'s grants with one of `accesses` (and, when
    `kinds` is given, a scope of one of those kinds, e.g. {"city", "area"}), each noted
    as used (`note_grant_use`, so the agreements behind them are audited for this
    request). For reads that filter by every granted scope at once (lists of alerts,
    areas); a check of one scope uses `partner_access_for`."""
    used = []
    for grant_scope, access in partner_grants(user):
        kind = str(grant_scope).strip().partition(":")[0]
        if access in accesses and (kinds is None or kind in kinds):
            note_grant_use(user, grant_scope, access)
            used.append((grant_scope, access))
    return used


@rules.predicate
def partner_may_export(user, scope=None):
    """A partner grant with EXPORT access covers `scope`."""
    return partner_access_for(user, scope, {PartnerGrant.Access.EXPORT})


@rules.predicate
def partner_may_view_reports(user, scope=None):
    """A partner grant with VIEW_REPORTS or EXPORT access covers `scope`."""
    return partner_access_for(
        user, scope, {PartnerGrant.Access.VIEW_REPORTS, PartnerGrant.Access.EXPORT}
    )


def _view_restrictions(page):
    """The `PageViewRestriction`s on `page` and its ancestors, groups prefetched: one
    query (two when there are group restrictions). Aliases use their source's."""
    from wagtail.models import PageViewRestriction

    if getattr(page, "alias_of_id", None):
        return list(page.get_view_restrictions().prefetch_related("groups"))
    step = page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
    return list(PageViewRestriction.objects.filter(page__path__in=paths).prefetch_related("groups"))


def _passes(user, restriction):
    """Whether `user` passes one view restriction. Password restrictions are only ever
    passed inside the page's own view (Wagtail keeps the proof in that session), so
    everywhere else they count as not passed."""
    return _passes_kind(
        user,
        restriction.restriction_type,
        lambda: {group.name for group in restriction.groups.all()},
    )


def _passes_kind(user, kind, allowed_groups):
    """`_passes` for a restriction of `kind`; `allowed_groups()`: the names of its groups."""
    from wagtail.models import PageViewRestriction

    if kind == PageViewRestriction.LOGIN:
        return _is_active_account(user)
    if kind == PageViewRestriction.GROUPS:
        if not _is_active_account(user):
            return False
        return user.is_superuser or bool(group_names(user) & set(allowed_groups()))
    return False  # PASSWORD, and any kind Wagtail may add


@rules.predicate
def is_visible_page(user, page):
    """`page` is live and `user` passes its Wagtail view restrictions (private pages,
    pages for signed-in people or for some groups; see `_passes` for passwords).

    The one check of "may this person see what is on this page" for consultations,
    sessions and forums and everything in them, so lists, the API and sockets respect a
    page's privacy as the page itself does. Answers are cached on the user object."""
    if page is None or not page.live:
        return False
    if getattr(page, "alias_of_id", None):
        # Aliases follow their source page's restrictions, not their own place in the tree.
        user_key = user if user is not None else object()
        return _cached(
            user_key,
            ("visible_page", page.pk),
            lambda: all(_passes(user, restriction) for restriction in _view_restrictions(page)),
        )
    # One cached query for the whole request, so lists stay constant in their length.
    return not any(page.path.startswith(path) for path in hidden_page_paths(user))


def hidden_page_paths(user):
    """Tree paths of the pages whose view restrictions `user` does not pass; everything
    below them is hidden too. All restrictions (there are few) come from the shared
    cache (`role_cache`), read from the database on a miss (one or two queries)."""

    def load():
        return tuple(
            path
            for path, kind, groups in _restrictions(user)
            if not _passes_kind(user, kind, lambda groups=groups: groups)
        )

    return _cached(user if user is not None else object(), "hidden_page_paths", load)


def _restrictions(user):
    """((page path, restriction type, group names), ...) of every view restriction."""
    from wagtail.models import PageViewRestriction

    shared = _shared(user)
    if "restrictions" not in shared:
        restrictions = (
            PageViewRestriction.objects.select_related("page")
            .only("restriction_type", "page__path")
            .prefetch_related("groups")
        )
        rows = tuple(
            (r.page.path, r.restriction_type, frozenset(g.name for g in r.groups.all()))
            for r in restrictions
        )
        if not shared.get("tokens"):
            return rows
        shared["restrictions"] = rows
        role_cache.store(shared, role_cache.RESTRICTIONS, rows)
    return shared["restrictions"]


def without_hidden_pages(queryset, user, page_field):
    """`queryset` without the rows whose page (`page_field`, e.g. "forum" or
    "consultation") is below a view restriction `user` does not pass: the list form of
    `is_visible_page` (which also checks `live`; filter that separately)."""
    hidden = models.Q()
    for path in hidden_page_paths(user):
        hidden |= models.Q(**{f"{page_field}__path__startswith": path})
    return queryset.exclude(hidden) if hidden else queryset


def needs_mfa_setup(user):
    """Signed-in staff, moderators and superusers must set up TOTP before admin work."""
    if not _is_active_account(user):
        return False
    return (is_moderator(user) or is_city_staff(user) or user.is_staff) and not has_mfa(user)


@rules.predicate
def is_own_account_holder(user):
    """A signed-in, active account that has not been deleted (people's rights pages)."""
    return _is_active_account(user) and getattr(user, "erased_at", None) is None


@rules.predicate
def owns_personal_data(user, item):
    """`item` (a personal data download or deletion request) belongs to `user`."""
    return item is not None and user.is_authenticated and item.user_id == user.pk


# Composed rules. The object, where there is one, is a scope for export and reports
# (a `Scope` or its text, e.g. "consultation:42") and a community group for leadership.
can_take_part = is_verified
can_moderate = is_moderator & has_mfa
can_export = has_mfa & (is_city_staff | (is_partner_member & partner_may_export))
# Reports and summaries are aggregates with small cells suppressed, but they are still
# about communities: reading them needs TOTP wherever they are shown (site, API, admin),
# as exporting them does (issue 11). Moderators judge content, not communities: they
# never see representation reports (issue 6).
can_view_reports = has_mfa & (is_city_staff | (is_partner_member & partner_may_view_reports))
can_grant_leadership = is_city_staff
can_manage_partners = is_city_staff
# Who the staff workspace is for; using it also needs TOTP (the middleware sends those
# without it to set it up rather than refusing them).
can_enter_admin = is_city_staff | is_moderator
can_access_admin = can_enter_admin & has_mfa

RULES = {
    "accounts.take_part": can_take_part,
    "accounts.lead": is_leader,
    "accounts.moderate": can_moderate,
    "accounts.export": can_export,
    "accounts.view_reports": can_view_reports,
    "accounts.grant_leadership": can_grant_leadership,
    "accounts.manage_partners": can_manage_partners,
    "accounts.enter_admin": can_enter_admin,
    "accounts.access_admin": can_access_admin,
    "accounts.manage_own_data": is_own_account_holder,
    "accounts.download_personal_data": is_own_account_holder & owns_personal_data,
}

for _name, _predicate in RULES.items():
    rules.add_rule(_name, _predicate)
    rules.add_perm(_name, _predicate)

role_cache.connect()
