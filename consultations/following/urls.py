"""Following and notification settings, mounted at /<lang>/accounts/notifications/."""

from django.urls import path

from . import views

app_name = "following"

urlpatterns = [
    path("", views.notification_settings, name="settings"),
    path("follow/<int:consultation_id>/", views.follow_consultation, name="follow"),
    path("unfollow/<int:consultation_id>/", views.unfollow_consultation, name="unfollow"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
