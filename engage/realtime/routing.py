"""WebSocket routes, all under /ws/. Mounted by engage.asgi; protocol in docs/websockets.md.

The last route catches every other path and closes it with 4404 (`NotFoundConsumer`).
"""

from django.urls import path, re_path

from consultations.briefs.consumers import BriefConsumer
from forums.consumers import ForumThreadConsumer

from .consumers import ConsultationConsumer, NotFoundConsumer

websocket_urlpatterns = [
    path(
        "ws/consultations/<int:consultation_id>/",
        ConsultationConsumer.as_asgi(),
        name="ws-consultation",
    ),
    path("ws/codesign/briefs/<int:session_id>/", BriefConsumer.as_asgi(), name="ws-brief"),
    path(
        "ws/forums/threads/<int:thread_id>/",
        ForumThreadConsumer.as_asgi(),
        name="ws-forum-thread",
    ),
    re_path(r"", NotFoundConsumer.as_asgi(), name="ws-not-found"),
]
