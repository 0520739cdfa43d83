"""The "About me" pages, mounted at /<lang>/accounts/about-me/ (inside i18n_patterns)."""

from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.about_me, name="about_me"),
    path("consent/", views.give_consent, name="about_me_consent"),
    path("withdraw/", views.withdraw_consent, name="about_me_withdraw"),
]
