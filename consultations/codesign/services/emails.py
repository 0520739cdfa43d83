"""Emails about a session, sent after the transaction that caused them commits."""

from engage import links
from engage.after_commit import on_commit_safely


def absolute_url(path):
    """`path` on the site's public address (for links in emails)."""
    return links.absolute_url(path)


def email_on_commit(user_id, template, session):
    """Email `codesign/email/<template>_{subject,body}.txt` to an account, in its own
    language, once the current transaction commits (a failure to enqueue is logged)."""
    from engage.tasks import send_email_in_language

    context = {"session_id": session.pk, "session_title": session.title}
    on_commit_safely(
        lambda: send_email_in_language.enqueue(
            user_id,
            f"codesign/email/{template}_subject.txt",
            f"codesign/email/{template}_body.txt",
            {**context, "session_url": absolute_url(session.get_absolute_url())},
        ),
        f"co-design email {template}",
    )
