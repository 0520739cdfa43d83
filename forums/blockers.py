"""What residents are told when they cannot post in a forum (one message per
`rules.PostBlocker`), shared by the forum page, the views, the API and the services."""

from django.utils.translation import gettext_lazy as _

from .rules import PostBlocker

BLOCKER_MESSAGES = {
    PostBlocker.NOT_PUBLISHED: _(
        "This discussion is not open for posts. Please choose another thread or forum."
    ),
    PostBlocker.LOCKED: _(
        "A moderator has locked this thread, so it takes no new posts. You can start a new "
        "thread instead."
    ),
    PostBlocker.LOG_IN: _("Please log in or create a free account to post in the forums."),
    PostBlocker.VERIFY_EMAIL: _(
        "Please verify your email address before posting. Follow the link in the email we "
        "sent you, or ask for a new one."
    ),
}
