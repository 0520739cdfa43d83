"""Reviewing imported items: accepting applies the item through its kind with its
provenance; a collision with a local item never overwrites it silently (only an explicit
"accept and replace", where the kind allows it); rejecting keeps it unused."""

import pytest
from django.core.exceptions import ValidationError

from engage.exchange import services
from engage.exchange.models import ExchangeEvent, ImportedItem, ImportStatus
from tests.exchange.conftest import FAKE, LocalThing

pytestmark = pytest.mark.django_db


@pytest.fixture
def staged(fake_kind, remote):
    services.stage_package(remote.package_bytes(), remote.trusted)
    return ImportedItem.objects.get()


def test_accepting_applies_the_item_with_its_provenance(fake_kind, staged, staff):
    services.accept(staged, user=staff, note="Agreed with partners")
    staged.refresh_from_db()
    assert staged.status == ImportStatus.ACCEPTED
    assert staged.decided_by == staff and staged.decision_note == "Agreed with partners"
    assert staged.local_object == "local tolerance"
    ((item, provenance),) = fake_kind.applied
    assert item == {"key": "tolerance", "text": "Tolerance"}
    assert provenance.city == "Rotterdam" and provenance.package_id == staged.package_id
    assert fake_kind.local["tolerance"].origin == "Rotterdam"
    assert ExchangeEvent.objects.filter(action="accept", user=staff).exists()


def test_a_collision_is_refused_and_the_local_item_is_kept(fake_kind, remote, staff):
    fake_kind.local["tolerance"] = LocalThing("tolerance", "Our own definition")
    services.stage_package(remote.package_bytes(), remote.trusted)
    staged = ImportedItem.objects.get()
    assert staged.collides_with == "local tolerance"
    with pytest.raises(ValidationError) as caught:
        services.accept(staged, user=staff)
    assert "Nothing was changed" in " ".join(caught.value.messages)
    assert fake_kind.local["tolerance"].text == "Our own definition"
    assert fake_kind.applied == []
    staged.refresh_from_db()
    assert staged.status == ImportStatus.PENDING


def test_replace_is_refused_when_the_kind_cannot_replace(fake_kind, remote, staff):
    fake_kind.local["tolerance"] = LocalThing("tolerance", "Our own definition")
    services.stage_package(remote.package_bytes(), remote.trusted)
    with pytest.raises(ValidationError):
        services.accept(ImportedItem.objects.get(), user=staff, replace=True)
    assert fake_kind.local["tolerance"].text == "Our own definition"


def test_explicit_replace_replaces_when_the_kind_allows_it(fake_kind, remote, staff):
    from engage.exchange.registry import register_kind

    register_kind(fake_kind.kind(replaceable=True))
    fake_kind.local["tolerance"] = LocalThing("tolerance", "Our own definition")
    services.stage_package(remote.package_bytes(), remote.trusted)
    staged = ImportedItem.objects.get()
    with pytest.raises(ValidationError) as caught:
        services.accept(staged, user=staff)  # not chosen: still refused
    assert "Accept and replace" in " ".join(caught.value.messages)
    services.accept(staged, user=staff, replace=True)
    assert fake_kind.local["tolerance"].text == "Tolerance"
    assert len(fake_kind.replaced) == 1


def test_rejecting_keeps_the_item_unused(fake_kind, staged, staff):
    services.reject(staged, user=staff, note="Not our terminology")
    staged.refresh_from_db()
    assert staged.status == ImportStatus.REJECTED
    assert fake_kind.applied == [] and fake_kind.local == {}


def test_a_decided_item_cannot_be_decided_again(fake_kind, staged, staff):
    services.reject(staged, user=staff)
    with pytest.raises(ValidationError):
        services.accept(staged, user=staff)
    assert fake_kind.applied == []


def test_an_item_of_a_kind_no_longer_registered_cannot_be_accepted(fake_kind, staged, staff):
    from engage.exchange.registry import unregister_kind

    unregister_kind(FAKE)
    with pytest.raises(ValidationError) as caught:
        services.accept(staged, user=staff)
    assert "Reject it" in " ".join(caught.value.messages)
