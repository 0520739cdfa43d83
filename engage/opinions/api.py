"""API of opinions (django-ninja), mounted in engage/api.py."""

from ninja import Router

router = Router(tags=["opinions"])
