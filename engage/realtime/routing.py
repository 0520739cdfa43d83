"""WebSocket routes, all under /ws/. Mounted by engage.asgi; protocol in docs/websockets.md."""

from django.urls import path

from .consumers import ConsultationConsumer

websocket_urlpatterns = [
    path(
        "ws/consultations/<int:consultation_id>/",
        ConsultationConsumer.as_asgi(),
        name="ws-consultation",
    ),
]
