"""engage.tasks.send_email_in_language, on the immediate and the database backend."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from engage.tasks import send_email_in_language
from tests.factories import UserFactory

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "emails/hello_subject.txt": (
                            "{% load i18n %}\n{% translate 'Arabic' %}: {{ title }}\n"
                        ),
                        "emails/hello_body.txt": (
                            "{% load i18n %}{% get_current_language as lang %}"
                            "[{{ lang }}] {% translate 'This field is required.' %} "
                            "{{ user.public_name }}"
                        ),
                        "emails/hello_body.html": "<p>{{ title }}</p>",
                    },
                )
            ]
        },
    }
]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("email_templates")]


@pytest.fixture
def email_templates():
    with override_settings(TEMPLATES=TEMPLATES):
        yield


def enqueue(user, **kwargs):
    return send_email_in_language.enqueue(
        user.pk,
        "emails/hello_subject.txt",
        "emails/hello_body.txt",
        {"title": "Safer streets"},
        **kwargs,
    )


def test_email_is_written_in_the_recipients_language():
    person = UserFactory(preferred_language="fr", display_name="Amina")
    result = enqueue(person, html_template="emails/hello_body.html")
    assert result.return_value == 1
    [message] = mail.outbox
    assert message.to == [person.email]
    assert message.subject == "Arabe: Safer streets"  # one line, in French
    assert message.body == "[fr] Ce champ est obligatoire. Amina"
    assert message.extra_headers["Content-Language"] == "fr"
    assert message.alternatives[0][0] == "<p>Safer streets</p>"


def test_no_preferred_language_means_the_site_language():
    enqueue(UserFactory(preferred_language=""))
    assert mail.outbox[0].body.startswith("[en] This field is required.")


def test_inactive_or_missing_people_get_nothing():
    assert enqueue(UserFactory(is_active=False)).return_value == 0
    assert (
        send_email_in_language.enqueue(
            999999, "emails/hello_subject.txt", "emails/hello_body.txt", {}
        ).return_value
        == 0
    )
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_backend_and_worker_deliver_the_email():
    from django_tasks import TaskResultStatus, task_backends

    person = UserFactory(preferred_language="de")
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        result = enqueue(person)
        assert result.status == TaskResultStatus.READY
        assert mail.outbox == []  # nothing happens until a worker runs
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value == 1
        assert task_backends["default"].__class__.__name__ == "DatabaseBackend"
    [message] = mail.outbox
    assert message.subject.startswith("Arabisch")
