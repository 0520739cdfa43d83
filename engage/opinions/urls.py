"""URLs of opinion maps, mounted at /<lang>/opinions/: voting here, the live map in
`live/urls.py`."""

from django.urls import include, path

app_name = "opinions"

urlpatterns = [
    path("", include("engage.opinions.live.urls")),
]
