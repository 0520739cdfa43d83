"""The people's-rights rules as a matrix: who may use the pages, and whose files."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from engage.accounts.models import PersonalDataExport
from engage.accounts.privacy import deletion
from tests import factories

pytestmark = pytest.mark.django_db


def test_who_may_manage_their_own_data():
    active = factories.UserFactory()
    unverified = factories.UserFactory(verified=False)
    inactive = factories.UserFactory(is_active=False)
    erased = factories.UserFactory()
    deletion.erase_account(erased, keep_content=True)
    expected = {
        "anonymous": (AnonymousUser(), False),
        "active": (active, True),
        "unverified": (unverified, True),  # rights do not depend on a confirmed address
        "inactive": (inactive, False),
        "erased": (erased, False),
    }
    for name, (user, allowed) in expected.items():
        assert rules.test_rule("accounts.manage_own_data", user) is allowed, name


def test_only_the_owner_may_download_a_personal_data_file():
    owner, other = factories.UserFactory(), factories.UserFactory()
    staff = factories.with_totp(factories.city_staff())
    job = PersonalDataExport.objects.create(user=owner)
    for user, allowed in [(owner, True), (other, False), (staff, False), (AnonymousUser(), False)]:
        assert rules.test_rule("accounts.download_personal_data", user, job) is allowed
