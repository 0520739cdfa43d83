"""The briefs app's WebSocket routes (combined with the other apps' in engage.asgi)."""

from django.urls import path

from .consumers import BriefConsumer

websocket_urlpatterns = [
    path("ws/codesign/briefs/<int:session_id>/", BriefConsumer.as_asgi(), name="ws-brief"),
]
