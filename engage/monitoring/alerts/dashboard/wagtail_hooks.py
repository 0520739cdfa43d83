"""The "Community sentiment" item in the admin's Engage menu.

Wagtail only loads `<app>/wagtail_hooks.py` by itself, and this is a sub-package of the
alerts app, so the module is imported by `dashboard/urls.py` (which the URL
configuration loads before any admin page is drawn) and may also be imported by the
alerts app's own `wagtail_hooks.py`; registering twice is avoided by Python's module
cache. The item links to the dashboard on the site (/<lang>/monitoring/dashboard/),
which partners use too; it is shown to city staff.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from engage.accounts.rules import is_city_staff
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK


class CommunitySentimentMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_staff(request.user)


@hooks.register(ENGAGE_MENU_HOOK)
def register_community_sentiment_menu_item():
    return CommunitySentimentMenuItem(
        _("Community sentiment"),
        reverse("monitoring_alerts:dashboard:index"),
        name="community-sentiment",
        icon_name="site",
        order=450,
    )
