"""The Wagtail dashboard does not make staff browsers call releases.wagtail.org
(issue 11, item 12)."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories


@pytest.mark.django_db
def test_the_dashboard_has_no_update_check(client, home_page):
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    client.force_login(factories.with_totp(factories.UserFactory(is_superuser=True, is_staff=True)))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    # The upgrade panel is the element that makes the admin script fetch the releases.
    assert "data-w-upgrade" not in html and "w-upgrade" not in html
    assert "releases.wagtail.org" not in html
