"""WSGI entry point (HTTP only; WebSockets need engage.asgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engage.settings.dev")

application = get_wsgi_application()
