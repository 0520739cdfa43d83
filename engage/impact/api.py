"""API of impact assessments (django-ninja), mounted in engage/api.py at /impact/."""

from ninja import Router

router = Router(tags=["impact"])
