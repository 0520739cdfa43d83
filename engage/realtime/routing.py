"""The shared part of the WebSocket routes, all under /ws/; protocol in docs/websockets.md.

Each app declares its own routes (`<app>/routing.py`, `websocket_urlpatterns`) and owns
its consumers; engage.asgi (project level) puts them together and ends with these: the
last route catches every other path and closes it with 4404 (`NotFoundConsumer`).
"""

from django.urls import re_path

from .consumers import NotFoundConsumer

not_found_urlpatterns = [
    re_path(r"", NotFoundConsumer.as_asgi(), name="ws-not-found"),
]
