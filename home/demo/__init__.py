"""Demo home page, default site and standard pages (home/demo/pages.yaml), loaded by
`manage.py seed_demo`. Idempotent: an existing (perhaps edited) page is kept."""

from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from engage.demo.data import read
from engage.demo.pages import child_page, page_content

from ..models import HomePage, StandardPage

DATA_FILE = "pages.yaml"
PAGE_TYPES = {"standard": StandardPage}


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    home = seed_home_page(data["home"], context)
    for node in data.get("pages", []).list():
        model = node.get("type", "standard").choice(PAGE_TYPES)
        child_page(
            home,
            model,
            node["slug"].str(),
            page_content(node, body=True),
            context,
            show_in_menus=node.get("show_in_menus", False).bool(),
        )
    return home


def seed_home_page(node, context):
    """The HomePage at the root of the default Site, replacing Wagtail's welcome page."""
    slug, content, site_node = node["slug"].str(), page_content(node), node["site"]
    site_fields = {
        "hostname": site_node["hostname"].str(),
        "port": site_node["port"].int(),
        "site_name": site_node["site_name"].str(),
    }
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's first migration leaves a plain "Welcome" page with the slug
        # "home". Remove it (with the site pointing at it) if nobody built on it.
        for welcome in root.get_children().filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ):
            if welcome.get_children_count() == 0:
                welcome.delete()
        home = HomePage(slug=slug, **content)
        if root.get_children().filter(slug=home.slug).exists():
            raise node["slug"].error(
                _("a page with this slug is already at the top of the page tree")
            )
        root.add_child(instance=home)
        home.save_revision().publish()
        context.note(True, "page", home.title)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(root_page=home, is_default_site=True, **site_fields)
        context.note(True, "site", site_fields["site_name"])
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


def index_page_under_home(data, model, context):
    """The `index` node of a feature's demo file as a `model` page below the home page
    (consultations and forums both start this way); the home page must exist."""
    home = HomePage.objects.first()
    if home is None:
        raise data.error(_("the home page must be seeded first (home/demo)"))
    node = data["index"]
    return child_page(
        home,
        model,
        node["slug"].str(),
        page_content(node),
        context,
        show_in_menus=node.get("show_in_menus", False).bool(),
    )
