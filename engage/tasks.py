"""Background tasks shared by every feature (django-tasks).

Enqueue from services inside `transaction.on_commit`, never from an open transaction:
`transaction.on_commit(lambda: send_email_in_language.enqueue(...))`. In dev and
production a worker runs them (`python manage.py db_worker`); tests run them at once
(ImmediateBackend). Arguments must be JSON serialisable, which is why tasks take ids.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from engage.links import list_unsubscribe_headers

logger = logging.getLogger("engage.tasks")


def language_for(user):
    """The language to write to `user` in: their preferred one, else the site default."""
    code = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


@task()
def send_email_in_language(
    user_id, subject_template, body_template, context=None, html_template=None
):
    """Email one person in their preferred language.

    The subject, plain-text body and optional HTML body are rendered from templates
    with `translation.override(user.preferred_language)`, so `{% translate %}`, dates
    and numbers follow the recipient, not whoever triggered the email. The templates
    receive `context` plus `user` and `LANGUAGE_CODE`. The subject is joined onto one
    line. Inactive people and people without an address are skipped. A context with an
    `unsubscribe_url` adds a List-Unsubscribe header, and List-Unsubscribe-Post when
    `unsubscribe_one_click` says the link unsubscribes with one POST (RFC 8058).

    Returns the number of emails sent (0 or 1), stored as the task result.
    """
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.is_active or not user.email:
        logger.info(
            "Email %s not sent: user %s is gone, inactive or has no address",
            subject_template,
            user_id,
        )
        return 0
    language = language_for(user)
    with translation.override(language):
        template_context = {**(context or {}), "user": user, "LANGUAGE_CODE": language}
        subject = " ".join(render_to_string(subject_template, template_context).split())
        body = render_to_string(body_template, template_context)
        html = None
        if html_template:
            try:
                html = render_to_string(html_template, template_context)
            except TemplateDoesNotExist:
                logger.warning("HTML template %s missing; sending text only", html_template)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[user.email])
    message.extra_headers["Content-Language"] = language
    message.extra_headers.update(
        list_unsubscribe_headers(
            (context or {}).get("unsubscribe_url"),
            one_click=bool((context or {}).get("unsubscribe_one_click")),
        )
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
