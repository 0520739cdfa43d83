"""API of monitoring (django-ninja), mounted in engage/api.py."""

from ninja import Router

router = Router(tags=["monitoring"])
