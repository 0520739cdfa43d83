"""URLs of opinion maps, mounted at /<lang>/opinions/: voting here, the live map in
`live/urls.py`."""

from django.urls import include, path

from . import views

app_name = "opinions"

urlpatterns = [
    path("<int:map_id>/", views.vote_view, name="vote"),
    path("<int:map_id>/statements/", views.submit_statement_view, name="submit_statement"),
    path("", include("engage.opinions.live.urls")),
]
