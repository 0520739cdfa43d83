"""URLs of the register, included by engage/impact/urls.py."""

urlpatterns = []
