"""Brief services: suggestions, revisions and restore, diffs, comments, sign-off,
publication, compaction. The document is changed server-side through the same Yjs
updates the editors exchange."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations.briefs import document_store, revisions, services, ydoc
from consultations.briefs.models import (
    Brief,
    BriefSnapshot,
    BriefSuggestion,
    BriefUpdate,
    Contribution,
    SignOff,
)
from engage.communities.models import Action, Participation


def write(brief, user, *paragraphs):
    def change(doc):
        for paragraph in paragraphs:
            ydoc.append_paragraph(doc, paragraph)

    services.apply_server_change(brief, user, change)


def text(brief):
    doc, _last = document_store.load_document(brief.pk)
    return ydoc.plain_text(doc)


@pytest.fixture
def brief(session, world):
    brief = services.brief_for_session(session)
    write(brief, world["staff"], "Residents want safer crossings near schools.")
    return brief


def test_accepting_a_suggestion_applies_it_and_credits_its_author(brief, world):
    suggestion = services.suggest(
        brief, world["participant"], "safer crossings", "zebra crossings", "Be specific."
    )
    services.accept_suggestion(suggestion, world["coauthor"])
    assert text(brief) == "Residents want zebra crossings near schools."
    suggestion.refresh_from_db()
    assert suggestion.status == BriefSuggestion.Status.ACCEPTED
    assert suggestion.decided_by == world["coauthor"]
    credit = Contribution.objects.get(brief=brief, user=world["participant"])
    assert (credit.suggestions_made, credit.suggestions_accepted) == (1, 1)
    assert (
        Participation.objects.with_action(Action.CONTRIBUTED)
        .filter(user=world["participant"])
        .exists()
    )
    with pytest.raises(ValidationError):
        services.reject_suggestion(suggestion, world["coauthor"])


def test_a_suggestion_whose_passage_changed_cannot_be_applied(brief, world):
    suggestion = services.suggest(brief, world["participant"], "near schools", "by schools")
    services.apply_server_change(
        brief, world["coauthor"], lambda doc: ydoc.replace_passage(doc, "near", "close to")
    )
    with pytest.raises(ValidationError) as error:
        services.accept_suggestion(suggestion, world["coauthor"])
    assert error.value.code == "passage_changed"
    suggestion.refresh_from_db()
    assert suggestion.status == BriefSuggestion.Status.OPEN
    assert text(brief) == "Residents want safer crossings close to schools."


def test_suggestions_must_quote_the_brief_and_come_from_session_members(brief, world):
    with pytest.raises(ValidationError) as error:
        services.suggest(brief, world["participant"], "not in the text", "anything")
    assert "quote" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.suggest(brief, world["outsider"], "safer", "safe")
    with pytest.raises(PermissionDenied):
        services.accept_suggestion(
            services.suggest(brief, world["participant"], "safer", "safe"), world["participant"]
        )


def test_restoring_a_revision_makes_the_document_equal_to_it_and_keeps_the_present(brief, world):
    first = services.snapshot_on_demand(brief, world["coauthor"])
    write(brief, world["coauthor"], "A second paragraph.")
    assert text(brief).endswith("A second paragraph.")
    services.restore_snapshot(first, world["coauthor"])
    assert text(brief) == "Residents want safer crossings near schools."
    before_restore = BriefSnapshot.objects.filter(reason=BriefSnapshot.Reason.RESTORE).get()
    assert before_restore.text.endswith("A second paragraph.")


def test_the_diff_marks_insertions_and_deletions_accessibly():
    html = revisions.diff_html("One two three\nKept", "One four three\nKept\nNew <b>")
    assert '<del><span class="visually-hidden">deleted: </span>two</del>' in html
    assert '<ins><span class="visually-hidden">inserted: </span>four</ins>' in html
    assert "<p>Kept</p>" in html
    assert "New &lt;b&gt;" in html


def test_automatic_revisions_are_taken_only_when_due_and_changed(brief):
    doc, _last = document_store.load_document(brief.pk)
    revisions.snapshot_if_due(brief.pk, doc)
    revisions.snapshot_if_due(brief.pk, doc)
    assert BriefSnapshot.objects.filter(brief=brief).count() == 1


def test_compaction_folds_the_log_and_keeps_the_document(brief, world):
    write(brief, world["coauthor"], "Second.")
    before = text(brief)
    assert document_store.compact(brief.pk) == 2
    brief.refresh_from_db()
    assert text(brief) == before
    assert brief.compacted_through == BriefUpdate.objects.filter(brief=brief).latest("pk").pk
    # The per-person record stays.
    assert BriefUpdate.objects.filter(brief=brief).count() == 2


def test_comments_count_for_their_author(brief, world):
    services.post_comment(brief, world["participant"], "What about cyclists?", "crossings")
    credit = Contribution.objects.get(brief=brief, user=world["participant"])
    assert credit.comments == 1
    with pytest.raises(ValidationError):
        services.post_comment(brief, world["participant"], "   ")
    with pytest.raises(PermissionDenied):
        services.post_comment(brief, world["outsider"], "Let me in")


def test_sign_off_then_publish_with_the_co_authors_who_agreed_to_be_named(brief, world):
    services.mark_final(brief, world["staff"])
    assert brief.status == Brief.Status.FINAL
    assert {person.pk for person in services.signoff_coauthors(brief)} == {
        world["coauthor"].pk,
        world["leader"].pk,
    }
    with pytest.raises(ValidationError) as error:
        services.sign_off(brief, world["leader"], SignOff.Decision.DECLINE)
    assert "note" in error.value.message_dict
    services.sign_off(brief, world["leader"], SignOff.Decision.DECLINE, "Too vague.")
    with pytest.raises(ValidationError):
        services.publish(brief, world["staff"])
    services.sign_off(brief, world["leader"], SignOff.Decision.APPROVE, "", True)
    services.sign_off(brief, world["coauthor"], SignOff.Decision.APPROVE, "", False)
    with pytest.raises(PermissionDenied):
        services.sign_off(brief, world["participant"], SignOff.Decision.APPROVE)
    services.publish(brief, world["staff"])
    brief.refresh_from_db()
    assert brief.status == Brief.Status.PUBLISHED
    assert brief.published_html_en == "<p>Residents want safer crossings near schools.</p>"
    assert services.named_coauthors(brief) == [str(world["leader"].public_name)]


def test_reopening_clears_the_answers(brief, world):
    services.mark_final(brief, world["staff"])
    services.sign_off(brief, world["leader"], SignOff.Decision.APPROVE)
    services.reopen(brief, world["staff"])
    assert brief.status == Brief.Status.DRAFTING
    assert not SignOff.objects.filter(brief=brief).exists()


def test_publishing_waits_for_every_co_author_to_approve(brief, world):
    services.mark_final(brief, world["staff"])
    # Nobody answered yet: staff cannot publish on their own.
    with pytest.raises(ValidationError) as error:
        services.publish(brief, world["staff"])
    assert error.value.code == "not_approved"
    services.sign_off(brief, world["coauthor"], SignOff.Decision.APPROVE, "", True)
    with pytest.raises(ValidationError) as error:
        services.publish(brief, world["staff"])
    assert error.value.code == "not_approved"
    brief.refresh_from_db()
    assert brief.status == Brief.Status.FINAL


def test_publishing_uses_the_text_the_co_authors_signed(brief, world):
    services.mark_final(brief, world["staff"])
    # A write that reached the log after the brief was marked final (a socket in flight).
    doc, _last = document_store.load_document(brief.pk)
    before = doc.get_state()
    ydoc.append_paragraph(doc, "Added after sign-off was asked.")
    document_store.record_update(brief.pk, world["coauthor"], doc.get_update(before))
    for person in ("coauthor", "leader"):
        services.sign_off(brief, world[person], SignOff.Decision.APPROVE, "", False)
    services.publish(brief, world["staff"])
    brief.refresh_from_db()
    assert brief.published_html_en == "<p>Residents want safer crossings near schools.</p>"


def test_no_server_change_once_the_brief_is_final(brief, world):
    suggestion = services.suggest(brief, world["participant"], "safer", "zebra")
    stale = Brief.objects.select_related("session").get(pk=brief.pk)
    services.mark_final(brief, world["staff"])
    with pytest.raises(PermissionDenied):
        services.apply_server_change(
            stale, world["coauthor"], lambda doc: ydoc.append_paragraph(doc, "Late.")
        )
    suggestion.brief = stale  # the page loaded the brief before it was marked final
    with pytest.raises(PermissionDenied):
        services.accept_suggestion(suggestion, world["coauthor"])
    assert text(brief) == "Residents want safer crossings near schools."


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_compaction_waits_for_a_log_write_in_flight(session, world):
    """Writer A has logged a row but not committed; writer B logs a later row; compaction
    runs. A's row must not end up below `compacted_through`, outside the document."""
    import threading

    from django.db import connection, transaction

    brief = services.brief_for_session(session)
    write(brief, world["staff"], "Start.")

    def update_adding(paragraph):
        doc, _last = document_store.load_document(brief.pk)
        before = doc.get_state()
        ydoc.append_paragraph(doc, paragraph)
        return doc.get_update(before)

    update_a, update_b = update_adding("From A."), update_adding("From B.")
    a_logged, release_a = threading.Event(), threading.Event()

    def writer_a():
        try:
            with transaction.atomic():
                document_store.record_update(brief.pk, None, update_a)
                a_logged.set()
                release_a.wait(10)
        finally:
            connection.close()

    def in_thread(function):
        def run():
            try:
                function()
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    thread_a = threading.Thread(target=writer_a)
    thread_a.start()
    assert a_logged.wait(10)
    thread_b = in_thread(lambda: document_store.record_update(brief.pk, None, update_b))
    thread_b.join(1)
    thread_c = in_thread(lambda: document_store.compact(brief.pk))
    thread_c.join(1)
    release_a.set()
    for thread in (thread_a, thread_b, thread_c):
        thread.join(10)
    document_store.compact(brief.pk)
    assert sorted(text(brief).split("\n")) == ["From A.", "From B.", "Start."]
    # Every row folded, and only folded rows, lost their bytes.
    brief.refresh_from_db()
    assert not BriefUpdate.objects.filter(brief=brief).exclude(data=b"").exists()
