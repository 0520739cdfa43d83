"""Brief pages, under /<lang>/co-design/sessions/<session id>/brief/ (included by
consultations/urls.py)."""

from django.urls import path

from . import views

app_name = "briefs"

urlpatterns = [
    path("", views.brief_detail, name="detail"),
    path("comment/", views.comment, name="comment"),
    path("suggest/", views.suggest, name="suggest"),
    path("suggestions/<int:pk>/<str:decision>/", views.decide_suggestion, name="decide"),
    path("revisions/", views.revisions, name="revisions"),
    path("revisions/new/", views.save_revision, name="save_revision"),
    path("revisions/<int:pk>/", views.revision_detail, name="revision"),
    path("revisions/<int:pk>/restore/", views.restore_revision, name="restore"),
    path("status/<str:action>/", views.change_status, name="status"),
    path("sign-off/", views.sign_off, name="sign_off"),
]
