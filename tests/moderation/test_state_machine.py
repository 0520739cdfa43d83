"""The moderation state machine, property-based (hypothesis).

Whatever sequence of moderators' actions and residents' reports hits a comment:

- once removed, it stays removed and no resident or visitor can see it again;
- every change of its status or text leaves exactly one audit entry, the audit entries
  chain (each one's "before" is the previous one's "after") and end at the status it
  has now;
- a refused action changes nothing and writes nothing.

Only an appeal decided by a different moderator may reverse a removal; that path is
tested on its own in test_services.py.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultations.models import Comment
from engage.moderation import services
from engage.moderation.content import ContentStatus
from engage.moderation.models import MODERATOR_ACTIONS, ModerationAction
from tests.factories import UserFactory, moderator, with_totp

pytestmark = pytest.mark.django_db

ACTORS = ["mod_a", "mod_b", "mod_without_mfa", "resident", "author"]
REPORT_REASONS = ["spam", "abuse", "hate", "other"]

moderation_step = st.tuples(
    st.just("moderate"),
    st.sampled_from(ACTORS),
    st.sampled_from([str(action) for action in MODERATOR_ACTIONS]),
    st.booleans(),  # give a public reason?
)
report_step = st.tuples(
    st.just("report"),
    st.integers(min_value=0, max_value=3),  # which resident reports
    st.sampled_from(REPORT_REASONS),
    st.booleans(),  # give a note?
)
steps = st.lists(st.one_of(moderation_step, report_step), min_size=1, max_size=12)


@pytest.fixture
def people():
    return {
        "mod_a": with_totp(moderator()),
        "mod_b": with_totp(moderator()),
        "mod_without_mfa": moderator(),
        "resident": UserFactory(),
        "reporters": [UserFactory() for _ in range(4)],
    }


def audit_of(comment):
    return list(
        ModerationAction.objects.filter(object_id=comment.pk, kind="comment").order_by(
            "created_at", "pk"
        )
    )


def visible_to_residents(comment, people):
    return any(
        Comment.objects.visible_to(viewer).filter(pk=comment.pk).exists()
        for viewer in (AnonymousUser(), people["resident"], people["reporters"][0])
    )


def apply(step, comment, people, n):
    if step[0] == "moderate":
        _kind, actor, action, with_reason = step
        return services.moderate(
            people[actor],
            comment,
            action,
            public_reason="Against the guidelines." if with_reason else "",
            redacted_text=f"Redacted version {n}",
            suspend_days=2,
        )
    _kind, reporter, reason, with_note = step
    return services.report_content(
        people["reporters"][reporter], comment, reason, "Looks wrong" if with_note else ""
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(start_pending=st.booleans(), sequence=steps)
def test_no_sequence_makes_removed_content_visible_and_every_change_is_audited(
    make_comment, people, start_pending, sequence
):
    # A new author each example: an earlier example may have suspended or banned the last.
    people = {**people, "author": UserFactory()}
    comment = make_comment(people["author"], "The park needs benches.")
    if start_pending:
        Comment.objects.filter(pk=comment.pk).update(status=ContentStatus.PENDING)
        comment.refresh_from_db()
    removed = False
    for n, step in enumerate(sequence):
        before = (comment.status, comment.body_text, len(audit_of(comment)))
        try:
            apply(step, comment, people, n)
        except (ValidationError, PermissionDenied):
            comment.refresh_from_db()
            assert (comment.status, comment.body_text, len(audit_of(comment))) == before
            continue
        comment.refresh_from_db()
        entries = audit_of(comment)
        changed = (comment.status, comment.body_text) != before[:2]
        if step[0] == "moderate":
            assert len(entries) == before[2] + 1
            assert entries[-1].action == step[2]
        else:
            # a report writes an audit entry exactly when it hid the comment
            assert len(entries) == before[2] + (1 if changed else 0)
        if changed:
            assert (entries[-1].old_status, entries[-1].new_status) == (before[0], comment.status)
            assert entries[-1].after_text == comment.body_text
        removed = removed or comment.status == ContentStatus.REMOVED
        if removed:
            assert comment.status == ContentStatus.REMOVED
            assert not visible_to_residents(comment, people)
    entries = audit_of(comment)
    for earlier, later in zip(entries, entries[1:], strict=False):
        assert later.old_status == earlier.new_status
    if entries:
        assert entries[-1].new_status == comment.status
    assert all(entry.moderator_id != people["author"].pk for entry in entries)
