"""The forums app's WebSocket routes (combined with the other apps' in engage.asgi)."""

from django.urls import path

from .consumers import ForumThreadConsumer

websocket_urlpatterns = [
    path(
        "ws/forums/threads/<int:thread_id>/",
        ForumThreadConsumer.as_asgi(),
        name="ws-forum-thread",
    ),
]
