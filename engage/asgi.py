"""ASGI entry point: HTTP through Django, WebSockets under /ws/ through Channels.

WebSocket connections must come from an allowed host (Origin checked against
ALLOWED_HOSTS) and carry the Django session, so consumers know who is connecting.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engage.settings.dev")

# Django must be set up before anything imports models.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from consultations.briefs.routing import websocket_urlpatterns as brief_routes  # noqa: E402
from consultations.routing import websocket_urlpatterns as consultation_routes  # noqa: E402
from engage.opinions.live.routing import websocket_urlpatterns as opinion_routes  # noqa: E402
from engage.realtime.routing import not_found_urlpatterns  # noqa: E402
from forums.routing import websocket_urlpatterns as forum_routes  # noqa: E402

# Each app declares its routes; any other path under /ws/ closes with 4404 (last).
websocket_urlpatterns = [
    *consultation_routes,
    *brief_routes,
    *forum_routes,
    *opinion_routes,
    *not_found_urlpatterns,
]

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
