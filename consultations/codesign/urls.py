"""Co-design session URLs (namespace `codesign`), mounted under "co-design/" inside
i18n_patterns by `engage/urls.py`, before Wagtail's catch-all: `/<lang>/co-design/…`."""

from django.urls import path

from . import views

app_name = "codesign"

urlpatterns = [
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/rsvp/", views.session_rsvp, name="session_rsvp"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/decline/", views.session_decline, name="session_decline"),
    path("sessions/<int:pk>/calendar.ics", views.session_calendar_file, name="session_calendar"),
    path("sessions/<int:pk>/manage/", views.session_manage, name="session_manage"),
    path("invitations/<str:token>/", views.session_invitation, name="session_invitation"),
]
