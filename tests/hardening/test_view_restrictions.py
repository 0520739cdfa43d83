"""Wagtail view restrictions count wherever a page's content is reachable: rules, the
API, lists and sockets (issue 11, item 14). One predicate decides:
`engage.accounts.rules.is_visible_page`."""

import pytest
import rules
from asgiref.sync import sync_to_async
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from consultations.models import Comment
from consultations.services import post_comment
from forums.library import LibraryFilters, library_claims
from tests import factories
from tests.forums.conftest import build_forum, start_claim
from tests.realtime.test_consultation_socket import expect_refusal, open_socket, session_headers


def restrict(page, kind, group=None):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret" if kind == "password" else ""
    )
    if group is not None:
        restriction.groups.add(group)
    return restriction


@pytest.fixture
def panel(db):
    return Group.objects.create(name="Youth panel")


@pytest.fixture
def member(panel):
    user = factories.UserFactory(display_name="Member")
    user.groups.add(panel)
    return user


@pytest.mark.django_db
class TestGroupRestrictedConsultation:
    @pytest.fixture
    def restricted(self, consultation, panel, member):
        post_comment(member, consultation, "Only the youth panel should read this comment.")
        Comment.objects.update(status="published")
        restrict(consultation, PageViewRestriction.GROUPS, panel)
        return consultation

    def comments_seen(self, client, user, consultation):
        if user is not None:
            client.force_login(user)
        response = client.get(f"/api/v1/consultations/{consultation.pk}/comments")
        if response.status_code != 200:
            return response.status_code
        return len(response.json()["items"])

    def test_outsiders_get_no_comments_from_the_api(self, client, restricted, resident):
        assert self.comments_seen(client, None, restricted) == 404
        assert self.comments_seen(client, resident, restricted) == 404

    def test_members_of_the_group_read_them(self, client, restricted, member):
        assert self.comments_seen(client, member, restricted) == 1

    def test_the_rules_answer_alike(self, restricted, resident, member):
        for rule in ("consultations.view_consultation", "consultations.take_part"):
            assert not rules.test_rule(rule, resident, restricted)
            assert rules.test_rule(rule, member, restricted)
        assert rules.test_rule(
            "consultations.view_consultation", factories.city_staff(), restricted
        )

    def test_a_password_counts_as_not_visible_outside_the_page(self, consultation, member):
        restrict(consultation, PageViewRestriction.PASSWORD)
        assert not rules.test_rule("consultations.view_consultation", member, consultation)

    def test_a_restriction_on_an_ancestor_applies(self, consultation, panel, member, resident):
        restrict(consultation.get_parent(), PageViewRestriction.GROUPS, panel)
        assert not rules.test_rule("consultations.view_consultation", resident, consultation)
        assert rules.test_rule("consultations.view_consultation", member, consultation)

    def test_login_restriction_admits_any_signed_in_person(self, consultation, resident):
        from django.contrib.auth.models import AnonymousUser

        restrict(consultation, PageViewRestriction.LOGIN)
        assert rules.test_rule("consultations.view_consultation", resident, consultation)
        assert not rules.test_rule("consultations.view_consultation", AnonymousUser(), consultation)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_the_socket_of_a_group_restricted_consultation_refuses_outsiders(
    consultation, resident
):
    panel = await sync_to_async(Group.objects.create)(name="Youth panel")
    await sync_to_async(restrict)(consultation, PageViewRestriction.GROUPS, panel)
    headers = await sync_to_async(session_headers)(resident)
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/", headers
    )
    assert connected
    await expect_refusal(communicator, 4403)


@pytest.mark.django_db
def test_group_restricted_forum_threads_are_hidden_from_outsiders(
    forum_index, roles, panel, member
):
    forum = build_forum(forum_index, slug="panel-only", title="Panel only")
    claim = start_claim(roles["resident"], forum)
    restrict(forum, PageViewRestriction.GROUPS, panel)
    outsider = factories.UserFactory()
    assert not rules.test_rule("forums.view_forum", outsider, forum)
    assert not rules.test_rule("forums.view_thread", outsider, claim)
    assert not rules.test_rule("forums.reply", outsider, claim)
    assert rules.test_rule("forums.view_thread", member, claim)
    assert rules.test_rule("forums.reply", member, claim)
    assert list(library_claims(outsider, LibraryFilters())) == []
    assert [thread.pk for thread in library_claims(member, LibraryFilters())] == [claim.pk]
