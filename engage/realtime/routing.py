"""WebSocket routes, all under /ws/. Mounted by engage.asgi."""

websocket_urlpatterns: list = []
