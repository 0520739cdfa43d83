"""Engage's own account pages, mounted at /<lang>/accounts/ before allauth's."""

from django.urls import path

from engage.accounts import views

# No app_name: allauth's URL names (account_login, …) are not namespaced either, and
# base.html links to `account_profile` beside them.
urlpatterns = [
    path("profile/", views.ProfileView.as_view(), name="account_profile"),
]
