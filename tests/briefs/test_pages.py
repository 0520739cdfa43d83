"""The brief's pages without JavaScript, the API, and the consultation page."""

import pytest
from django.urls import reverse

from consultations.briefs import document_store, services, ydoc
from consultations.briefs.models import BriefComment, SignOff
from tests.factories import PASSWORD


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def brief(session, world):
    brief = services.brief_for_session(session)
    services.apply_server_change(
        brief,
        world["staff"],
        lambda doc: ydoc.append_paragraph(doc, "Residents want <safer> crossings."),
    )
    return brief


def url(brief, name="detail", *args):
    return reverse(f"consultations:briefs:{name}", args=[brief.session_id, *args])


def test_a_co_author_gets_the_text_rendered_on_the_server_and_the_editor(client, brief, world):
    response = login(client, world["coauthor"]).get(url(brief))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "<p>Residents want &lt;safer&gt; crossings.</p>" in html
    assert 'id="brief-editor"' in html
    assert "brief-editor.js" in html
    assert "needs JavaScript" in html  # the <noscript> notice
    assert 'role="status"' in html


def test_a_participant_reads_and_comments_without_javascript(client, brief, world):
    login(client, world["participant"])
    page = client.get(url(brief)).content.decode()
    assert 'id="brief-editor"' not in page
    assert "Add a comment" in page
    response = client.post(
        url(brief, "comment"), {"quote": "safer", "body": "Safer for whom?"}, follow=False
    )
    assert response.status_code == 302
    comment = BriefComment.objects.get()
    assert (comment.author, comment.quote) == (world["participant"], "safer")


def test_an_empty_comment_shows_the_error_summary(client, brief, world):
    response = login(client, world["participant"]).post(url(brief, "comment"), {"body": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert not BriefComment.objects.exists()


@pytest.mark.parametrize("role", ["outsider", "anonymous"])
def test_people_outside_the_session_cannot_open_the_brief(client, brief, world, role):
    if world[role]:
        login(client, world[role])
    assert client.get(url(brief)).status_code == 403


def test_a_suggestion_is_accepted_through_the_form(client, brief, world):
    suggestion = services.suggest(brief, world["participant"], "Residents", "People")
    response = login(client, world["coauthor"]).post(url(brief, "decide", suggestion.pk, "accept"))
    assert response.status_code == 302
    doc, _last = document_store.load_document(brief.pk)
    assert ydoc.plain_text(doc) == "People want <safer> crossings."


def test_revisions_compare_and_restore(client, brief, world):
    login(client, world["coauthor"])
    client.post(url(brief, "save_revision"))
    snapshot = brief.snapshots.get()
    services.apply_server_change(
        brief, world["coauthor"], lambda doc: ydoc.replace_passage(doc, "crossings", "roads")
    )
    page = client.get(url(brief, "revision", snapshot.pk)).content.decode()
    assert "crossings.</del>" in page and "roads.</ins>" in page
    assert client.post(url(brief, "restore", snapshot.pk)).status_code == 302
    doc, _last = document_store.load_document(brief.pk)
    assert ydoc.plain_text(doc) == "Residents want <safer> crossings."
    login(client, world["participant"])
    assert client.post(url(brief, "restore", snapshot.pk)).status_code == 403


def test_publishing_shows_the_brief_on_the_consultation_and_in_the_api(
    client, brief, world, session, consultation
):
    session.consultation = consultation
    session.save()
    brief.session.consultation = consultation
    services.mark_final(brief, world["staff"])
    services.sign_off(brief, world["coauthor"], SignOff.Decision.APPROVE, "", True)
    services.sign_off(brief, world["leader"], SignOff.Decision.APPROVE, "", False)
    login(client, world["staff"])
    assert client.post(url(brief, "status", "publish")).status_code == 302
    client.logout()
    page = client.get(consultation.url).content.decode()
    assert "<p>Residents want &lt;safer&gt; crossings.</p>" in page
    assert str(world["coauthor"].public_name) in page
    assert str(world["leader"].public_name) not in page
    api = client.get(f"/api/v1/briefs/sessions/{session.pk}").json()
    assert api["status"] == "published"
    assert api["co_authors_named"] == [str(world["coauthor"].public_name)]
    signoff = client.get(f"/api/v1/briefs/sessions/{session.pk}/sign-off").json()
    assert (signoff["approved"], signoff["not_answered"], signoff["people"]) == (2, 0, None)


def test_readers_of_a_published_brief_get_no_drafting_record(
    client, brief, world, session, consultation
):
    session.consultation = consultation
    session.save()
    brief.session.consultation = consultation
    services.post_comment(brief, world["participant"], "Safer for whom, really?")
    services.suggest(brief, world["participant"], "Residents", "Neighbours")
    services.mark_final(brief, world["staff"])
    for person in ("coauthor", "leader"):
        services.sign_off(brief, world[person], SignOff.Decision.APPROVE, "", False)
    services.publish(brief, world["staff"])
    snapshot = brief.snapshots.get()
    participant_name = str(world["participant"].public_name)
    for reader in (None, world["outsider"]):
        client.logout()
        if reader:
            login(client, reader)
        page = client.get(url(brief)).content.decode()
        assert "<p>Residents want &lt;safer&gt; crossings.</p>" in page
        assert "Safer for whom" not in page and "Neighbours" not in page
        assert participant_name not in page
        assert url(brief, "revisions") not in page
        assert client.get(url(brief, "revisions")).status_code == 403
        assert client.get(url(brief, "revision", snapshot.pk)).status_code == 403
        api = f"/api/v1/briefs/sessions/{session.pk}/revisions"
        assert client.get(api).status_code == 404
        assert client.get(f"{api}/{snapshot.pk}").status_code == 404
    # The people who drafted it keep the record.
    login(client, world["participant"])
    page = client.get(url(brief)).content.decode()
    assert "Safer for whom" in page and "Neighbours" in page
    assert client.get(url(brief, "revisions")).status_code == 200


def test_the_api_hides_a_brief_being_drafted_from_outsiders(client, brief, world, session):
    assert client.get(f"/api/v1/briefs/sessions/{session.pk}").status_code == 404
    login(client, world["coauthor"])
    answer = client.get(f"/api/v1/briefs/sessions/{session.pk}").json()
    assert (answer["status"], answer["published_html"]) == ("drafting", "")
    services.snapshot_on_demand(brief, world["coauthor"])
    revisions = client.get(f"/api/v1/briefs/sessions/{session.pk}/revisions").json()
    assert len(revisions) == 1
    detail = client.get(
        f"/api/v1/briefs/sessions/{session.pk}/revisions/{revisions[0]['id']}"
    ).json()
    assert detail["text"] == "Residents want <safer> crossings."


def test_translators_fill_in_the_published_text_in_the_admin(client, brief):
    from tests.factories import UserFactory, with_totp

    admin = with_totp(UserFactory(is_superuser=True, is_staff=True))
    login(client, admin)
    edit = reverse("wagtailsnippets_briefs_brief:edit", args=[brief.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"published_html_fr": "<p>Des passages plus sûrs.</p>"})
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.published_html_fr == "<p>Des passages plus sûrs.</p>"


def test_the_session_page_link_shows_only_to_people_who_may_open_the_brief(rf, session, world):
    from django.template.loader import render_to_string

    def rendered(user):
        request = rf.get("/")
        request.user = user
        return render_to_string(
            "briefs/includes/session_brief_link.html", {"session": session}, request=request
        )

    link = f"/co-design/sessions/{session.pk}/brief/"
    # Before anyone opened it, the brief is offered to its co-authors only.
    assert link in rendered(world["coauthor"])
    assert link not in rendered(world["participant"])
    services.brief_for_session(session)
    assert link in rendered(world["participant"])
    assert "brief" not in rendered(world["outsider"])


@pytest.mark.parametrize("role", ["outsider", "anonymous"])
def test_people_who_may_not_open_a_brief_do_not_create_it(client, session, world, role):
    from consultations.briefs.models import Brief

    if world[role]:
        login(client, world[role])
    response = client.get(reverse("consultations:briefs:detail", args=[session.pk]))
    assert response.status_code in (403, 404)
    assert not Brief.objects.filter(session=session).exists()
    login(client, world["participant"])
    assert client.get(reverse("consultations:briefs:detail", args=[session.pk])).status_code == 200
    assert Brief.objects.filter(session=session).exists()
