"""Which page types may live where (Wagtail's page-type rules)."""

import datetime

from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from consultations.models import ConsultationIndexPage, ConsultationPage
from forums.models import ForumIndexPage, ForumPage
from home.guides.models import DiscussionGuideIndexPage
from home.models import HomePage, StandardPage


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {StandardPage, ConsultationIndexPage, ForumIndexPage, DiscussionGuideIndexPage},
        )

    def test_standard_pages_nest_below_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanCreateAt(StandardPage, StandardPage)

    def test_consultations_live_only_below_a_consultation_index(self):
        self.assertAllowedParentPageTypes(ConsultationIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ConsultationPage, {ConsultationIndexPage})
        self.assertAllowedSubpageTypes(ConsultationPage, set())
        self.assertCanNotCreateAt(HomePage, ConsultationPage)
        self.assertCanNotCreateAt(StandardPage, ConsultationPage)

    def test_forums_live_only_below_a_forum_index(self):
        self.assertAllowedParentPageTypes(ForumIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ForumPage, {ForumIndexPage})
        self.assertCanNotCreateAt(HomePage, ForumPage)
        self.assertCanNotCreateAt(ConsultationIndexPage, ForumPage)


class PageRenderingTests(WagtailPageTestCase):
    """Each page type renders below its allowed parent."""

    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        root.get_children().delete()
        cls.home = root.add_child(instance=HomePage(title="Northbridge", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": cls.home},
        )
        cls.standard = cls.home.add_child(instance=StandardPage(title="About", slug="about"))
        cls.consultations = cls.home.add_child(
            instance=ConsultationIndexPage(title="Consultations", slug="consultations")
        )
        now = timezone.now()
        cls.consultation = cls.consultations.add_child(
            instance=ConsultationPage(
                title="Safer streets",
                slug="safer-streets",
                opens_at=now - datetime.timedelta(days=1),
                closes_at=now + datetime.timedelta(days=1),
            )
        )
        cls.forums = cls.home.add_child(instance=ForumIndexPage(title="Forums", slug="forums"))
        cls.forum = cls.forums.add_child(instance=ForumPage(title="Myths", slug="myths"))

    def pages(self):
        return [
            self.home,
            self.standard,
            self.consultations,
            self.consultation,
            self.forums,
            self.forum,
        ]

    def test_every_page_type_is_renderable(self):
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)
