"""allauth adapter: emails go out in the recipient's language, and people are shown by
their public name, never their email address."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language()
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def user_display(self, user):
        return user.public_name
