"""Forum URLs outside the Wagtail page tree, mounted at /<lang>/forums/ before Wagtail's
catch-all. Forum pages cannot take the slugs these use (RESERVED_FORUM_SLUGS)."""

from django.urls import path

from .views import fact_checks, library, posts, threads

app_name = "forums"

urlpatterns = [
    path("library/", library.library, name="library"),
    path("<int:forum_id>/library/", library.library, name="forum_library"),
    path("<int:forum_id>/new/", threads.thread_new, name="thread_new"),
    path("threads/<int:pk>/", threads.thread_detail, name="thread"),
    path("threads/<int:pk>/reply/", threads.thread_reply, name="thread_reply"),
    path("threads/<int:pk>/edit/", posts.thread_edit, name="thread_edit"),
    path("threads/<int:pk>/withdraw/", posts.thread_withdraw, name="thread_withdraw"),
    path("threads/<int:pk>/settings/", threads.thread_settings, name="thread_settings"),
    path("threads/<int:pk>/fact-checks/new/", fact_checks.fact_check_new, name="fact_check_new"),
    path("posts/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("posts/<int:pk>/withdraw/", posts.post_withdraw, name="post_withdraw"),
    path("fact-checks/<int:pk>/revise/", fact_checks.fact_check_revise, name="fact_check_revise"),
    path(
        "fact-checks/<int:pk>/publish/", fact_checks.fact_check_publish, name="fact_check_publish"
    ),
    path(
        "fact-checks/<int:pk>/helpful/", fact_checks.fact_check_helpful, name="fact_check_helpful"
    ),
    path(
        "fact-checks/<int:pk>/history/", fact_checks.fact_check_history, name="fact_check_history"
    ),
]
