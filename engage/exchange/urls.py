"""What the city publishes for other cities (outside i18n_patterns, at /exchange/)."""

from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("public-key", views.public_key, name="public_key"),
    path("feed.json", views.feed, name="feed"),
    path("packages/<uuid:package_id>.json", views.package, name="package"),
    path("schema/v<str:version>.json", views.schema, name="schema"),
]
