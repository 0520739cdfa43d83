"""The admin widgets Wagtail starts with an inline script render without one
(engage/admin_widgets.py); engage/js/admin.js starts them from their data- attributes.
The browser side is in tests/e2e/test_csp.py (the image chooser opens its modal)."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.images.widgets import AdminImageChooser

from engage.admin_widgets import ImageChooser
from tests.csp.test_templates import INLINE

pytestmark = pytest.mark.django_db


def started_by_admin_js(html):
    match = re.search(
        r'data-engage-widget="(\w+)" data-engage-target="([\w-]+)" data-engage-config="([^"]*)"',
        html,
    )
    assert match, html
    config = json.loads(match.group(3).replace("&quot;", '"'))
    return match.group(1), match.group(2), config


@pytest.mark.parametrize("chosen", [False, True])
def test_the_image_chooser_renders_no_inline_script(chosen):
    image = None
    if chosen:
        image = get_image_model().objects.create(title="Park", file=get_test_image_file())
    html = ImageChooser().render("image", image.pk if image else None, {"id": "id_image"})
    assert not INLINE["inline script"].search(html)
    constructor, target, config = started_by_admin_js(html)
    assert (constructor, target) == ("ImageChooser", "id_image")
    assert config["modalUrl"] == reverse("wagtailimages_chooser:choose")
    # The same widget HTML as Wagtail's own, whose inline script is what we leave out.
    wagtail = AdminImageChooser().render("image", image.pk if image else None, {"id": "id_image"})
    assert INLINE["inline script"].search(wagtail)
    assert wagtail.split("<script>")[0] in html
    if chosen:
        assert "Park" in html
