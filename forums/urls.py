"""Forum URLs outside the Wagtail page tree, mounted at /<lang>/forums/ before Wagtail's
catch-all. Forum pages cannot take the slugs these use (RESERVED_FORUM_SLUGS)."""

from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("library/", views.library, name="library"),
    path("<int:forum_id>/library/", views.library, name="forum_library"),
    path("<int:forum_id>/new/", views.thread_new, name="thread_new"),
    path("threads/<int:pk>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/reply/", views.thread_reply, name="thread_reply"),
    path("threads/<int:pk>/edit/", views.thread_edit, name="thread_edit"),
    path("threads/<int:pk>/withdraw/", views.thread_withdraw, name="thread_withdraw"),
    path("threads/<int:pk>/settings/", views.thread_settings, name="thread_settings"),
    path("threads/<int:pk>/fact-checks/new/", views.fact_check_new, name="fact_check_new"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/withdraw/", views.post_withdraw, name="post_withdraw"),
    path("fact-checks/<int:pk>/revise/", views.fact_check_revise, name="fact_check_revise"),
    path("fact-checks/<int:pk>/publish/", views.fact_check_publish, name="fact_check_publish"),
    path("fact-checks/<int:pk>/helpful/", views.fact_check_helpful, name="fact_check_helpful"),
    path("fact-checks/<int:pk>/history/", views.fact_check_history, name="fact_check_history"),
]
