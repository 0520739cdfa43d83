"""Co-design session URLs, included by consultations/urls.py under "co-design/".

No `app_name`: the names join the `consultations` namespace, so the long-standing
`consultations:session_detail` keeps working beside the new ones.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/rsvp/", views.session_rsvp, name="session_rsvp"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/decline/", views.session_decline, name="session_decline"),
    path("sessions/<int:pk>/calendar.ics", views.session_calendar_file, name="session_calendar"),
    path("sessions/<int:pk>/manage/", views.session_manage, name="session_manage"),
    path("invitations/<str:token>/", views.session_invitation, name="session_invitation"),
]
