"""The live opinion map's WebSocket route (combined with the other apps' in engage.asgi)."""

from django.urls import path

from .consumers import OpinionMapConsumer

websocket_urlpatterns = [
    path("ws/opinions/<int:map_id>/", OpinionMapConsumer.as_asgi(), name="ws-opinion-map"),
]
