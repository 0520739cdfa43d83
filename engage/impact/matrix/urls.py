"""URLs of the matrix, included by engage/impact/urls.py."""

urlpatterns = []
