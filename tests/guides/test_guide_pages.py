"""The discussion-guide page types: where they live, that they render and can be
created in the admin, in every language, and that they print cleanly."""

from django.conf import settings
from django.contrib.staticfiles import finders
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.guides.models import DiscussionGuideIndexPage, DiscussionGuidePage
from home.models import HomePage, StandardPage
from tests.factories import with_totp

from .conftest import add_guide


class GuidePageTreeTests(WagtailPageTestCase):
    def test_guides_live_only_below_a_guide_index(self):
        self.assertAllowedSubpageTypes(DiscussionGuideIndexPage, {DiscussionGuidePage})
        self.assertAllowedParentPageTypes(DiscussionGuidePage, {DiscussionGuideIndexPage})
        self.assertAllowedSubpageTypes(DiscussionGuidePage, set())
        self.assertCanNotCreateAt(HomePage, DiscussionGuidePage)
        self.assertCanNotCreateAt(StandardPage, DiscussionGuidePage)
        self.assertCanCreateAt(DiscussionGuideIndexPage, DiscussionGuidePage)

    def test_the_guide_index_sits_below_the_home_page(self):
        self.assertAllowedParentPageTypes(DiscussionGuideIndexPage, {HomePage})


class GuidePageRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        root.get_children().delete()
        home = root.add_child(instance=HomePage(title="Northbridge", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
        cls.index = home.add_child(
            instance=DiscussionGuideIndexPage(title="Guides", slug="discussion-guides")
        )
        cls.guide = add_guide(
            cls.index,
            slug="team-meeting",
            questions=[{"type": "question", "value": {"question": "Who gains?", "why": ""}}],
        )

    def test_guide_and_index_are_renderable(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.guide)

    def test_staff_can_create_a_guide_in_the_admin(self):
        staff = with_totp(self.create_superuser("editor@example.org", password="pw"))
        self.client.force_login(staff)
        data = {}
        for code, _name in settings.LANGUAGES:
            # Every language has its own stream fields; English is filled in.
            data[f"questions_{code}"] = streamfield([])
            data[f"support_{code}"] = streamfield([])
        data.update(
            {
                "title_en": "When a rumour spreads",
                "slug": "when-a-rumour-spreads",
                "audience": "partners",
                "purpose_en": rich_text("<p>Rumours fill the gap.</p>"),
                "questions_en": streamfield(
                    [("question", {"question": "What is being said?", "why": ""})]
                ),
            }
        )
        self.assertCanCreate(self.index, DiscussionGuidePage, nested_form_data(data))
        created = DiscussionGuidePage.objects.get(slug="when-a-rumour-spreads")
        assert created.audience == "partners"
        assert created.questions[0].value["question"] == "What is being said?"


def test_guide_page_shows_every_part(client, guide):
    response = client.get(guide.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for text in (
        "Talking about polarisation in a team meeting",
        "Polarisation is easier to prevent",
        "Who gains?",
        "community cohesion",
        "Ask early.",
        "Labelling a whole community.",
        "mailto:cohesion@example.org",
    ):
        assert text in html


def test_guide_reads_in_arabic_right_to_left(client, guide):
    response = client.get(f"/ar{guide.url[3:]}")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in html
    assert "الحديث عن الاستقطاب في اجتماع الفريق" in html
    # Fields not translated fall back to English rather than vanish.
    assert "Who gains?" in html


def test_guide_links_its_print_stylesheet_which_hides_the_navigation(client, guide):
    html = client.get(guide.url).content.decode()
    assert "guides/print.css" in html
    css = open(finders.find("guides/print.css"), encoding="utf-8").read()
    media_print = css[css.index("@media print") :]
    for hidden in (".site-header", ".site-nav", ".site-footer", ".language-switcher"):
        assert hidden in media_print
    assert "display: none" in media_print


def test_index_lists_published_guides_only(client, guide_index):
    add_guide(guide_index, slug="published-guide", title="Published guide")
    add_guide(guide_index, slug="draft-guide", title="Draft guide", publish=False)
    html = client.get(guide_index.url).content.decode()
    assert "Published guide" in html
    assert "Draft guide" not in html
