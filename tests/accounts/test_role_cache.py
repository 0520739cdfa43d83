"""The shared cache of view restrictions, verified emails and group names
(engage.accounts.role_cache): read once, then from Redis, and dropped by every write
that changes what it holds.

These tests run outside a transaction (`transaction=True`): inside one the cache is
never used (see the module docstring), which the last tests pin."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from engage.accounts import role_cache
from engage.accounts import rules as account_rules
from engage.accounts.models import User
from home.models import StandardPage
from tests import factories

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fresh(user):
    """The same person as a new request loads them (nothing remembered on the object)."""
    return User.objects.get(pk=user.pk)


def answers(user):
    """(verified, groups, hidden paths) as the predicates give them to a new request."""
    user = fresh(user)
    return (
        account_rules.is_verified(user),
        account_rules.group_names(user),
        account_rules.hidden_page_paths(user),
    )


def queries_for(user):
    with CaptureQueriesContext(connection) as captured:
        answers(user)
    return len(captured) - 1  # loading the user itself


@pytest.fixture
def page(home_page):
    standard = StandardPage(title="Panel notes", slug="panel-notes")
    home_page.add_child(instance=standard)
    return standard


@pytest.fixture
def panel():
    return Group.objects.create(name="Youth panel")


def test_a_second_request_reads_nothing_from_the_database(page):
    person = factories.UserFactory()
    answers(person)
    assert queries_for(person) == 0


def test_verifying_an_email_address_shows_at_once():
    person = factories.UserFactory(verified=False)
    assert answers(person)[0] is False
    assert answers(person)[0] is False  # cached
    address = EmailAddress.objects.get(user=person)
    address.set_verified(commit=True)
    assert answers(person)[0] is True


def test_removing_the_verified_address_shows_at_once():
    person = factories.UserFactory()
    assert answers(person)[0] is True
    EmailAddress.objects.get(user=person).delete()
    assert answers(person)[0] is False


def test_joining_and_leaving_a_group_from_the_person(panel):
    person = factories.UserFactory()
    assert answers(person)[1] == frozenset()
    person.groups.add(panel)
    assert answers(person)[1] == {"Youth panel"}
    person.groups.remove(panel)
    assert answers(person)[1] == frozenset()
    person.groups.add(panel)
    assert answers(person)[1] == {"Youth panel"}
    person.groups.clear()
    assert answers(person)[1] == frozenset()


def test_joining_and_leaving_a_group_from_the_group(panel):
    person, other = factories.UserFactory(), factories.UserFactory()
    assert answers(person)[1] == frozenset()
    assert answers(other)[1] == frozenset()
    panel.user_set.add(person, other)
    assert answers(person)[1] == {"Youth panel"}
    assert answers(other)[1] == {"Youth panel"}
    panel.user_set.remove(other)
    assert answers(other)[1] == frozenset()
    panel.user_set.clear()
    assert answers(person)[1] == frozenset()


def test_a_renamed_or_deleted_group(panel):
    person = factories.UserFactory()
    person.groups.add(panel)
    assert answers(person)[1] == {"Youth panel"}
    panel.name = "Young people's panel"
    panel.save()
    assert answers(person)[1] == {"Young people's panel"}
    panel.delete()
    assert answers(person)[1] == frozenset()


def test_a_moderator_loses_the_role_with_the_group():
    person = factories.moderator()
    assert account_rules.is_moderator(fresh(person))
    person.groups.clear()
    assert not account_rules.is_moderator(fresh(person))


def test_adding_and_removing_a_view_restriction(page):
    person = factories.UserFactory()
    assert answers(person)[2] == ()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert answers(person)[2] == ()  # signed in: passes
    assert account_rules.hidden_page_paths(None) == (page.path,)
    restriction.restriction_type = PageViewRestriction.PASSWORD
    restriction.password = "secret"
    restriction.save()
    assert answers(person)[2] == (page.path,)
    restriction.delete()
    assert answers(person)[2] == ()


def test_the_groups_of_a_restriction_and_its_members(page, panel):
    person = factories.UserFactory()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    assert answers(person)[2] == (page.path,)
    restriction.groups.add(panel)
    assert answers(person)[2] == (page.path,)
    person.groups.add(panel)
    assert answers(person)[2] == ()
    restriction.groups.remove(panel)
    assert answers(person)[2] == (page.path,)
    restriction.groups.add(panel)
    assert answers(person)[2] == ()
    panel.delete()
    assert answers(person)[2] == (page.path,)


def test_a_restricted_page_that_moves_keeps_its_restriction(home_page, page):
    other = StandardPage(title="Another section", slug="another-section")
    home_page.add_child(instance=other)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert account_rules.hidden_page_paths(None) == (page.path,)
    page.move(other, pos="last-child")
    page.refresh_from_db()
    assert account_rules.hidden_page_paths(None) == (page.path,)


def test_another_process_sees_the_same_entries_through_the_shared_cache(page):
    """Nothing is kept in process memory: the entry is in the Django cache."""
    person = factories.UserFactory(verified=False)
    answers(person)
    loaded = role_cache.load(fresh(person))
    assert loaded["person"]["verified"] is False
    assert loaded["restrictions"] == ()


def test_inside_a_transaction_the_cache_is_neither_read_nor_written(page):
    person = factories.UserFactory(verified=False)
    answers(person)
    with transaction.atomic():
        address = EmailAddress.objects.get(user=person)
        address.verified = True
        address.save()
        assert answers(person)[0] is True
        transaction.set_rollback(True)
    assert answers(person)[0] is False
    with transaction.atomic():
        assert queries_for(person) > 0


def test_a_cache_entry_of_a_recreated_account_is_not_used():
    """Someone else who gets the same id in a recreated database has another key."""
    person = factories.UserFactory()
    other = User(pk=person.pk, date_joined=person.date_joined.replace(year=2001))
    assert role_cache.person_key(person) != role_cache.person_key(other)
