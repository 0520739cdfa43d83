"""Consultation URLs outside the Wagtail page tree, inside i18n_patterns and before
Wagtail's catch-all, so "comments" (and "co-design", with the co-design sessions'
own URLs in `consultations/codesign/urls.py`) are reserved top-level slugs."""

from django.urls import include, path

from . import views

app_name = "consultations"

urlpatterns = [
    path("co-design/sessions/<int:session_id>/brief/", include("consultations.briefs.urls")),
    path("comments/new/<int:consultation_id>/", views.comment_post, name="comment_post"),
    path("comments/<int:pk>/replies/", views.comment_replies, name="comment_replies"),
    path("comments/<int:pk>/reply/", views.comment_replies, name="comment_reply"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/withdraw/", views.comment_withdraw, name="comment_withdraw"),
    path("", include("consultations.engagement.urls")),
]
