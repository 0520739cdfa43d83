"""API of agreements (django-ninja), mounted in engage/api.py."""

from ninja import Router

from engage.apikit import PUBLIC_READ

router = Router(tags=["agreements"], auth=PUBLIC_READ)
