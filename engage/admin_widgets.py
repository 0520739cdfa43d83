"""Wagtail admin widgets without inline scripts, for the admin's Content-Security-Policy.

Wagtail's choosers render their HTML followed by `<script>new ImageChooser(id, options)
</script>`, which the admin's policy (no inline script) blocks, leaving a button that
does nothing. These subclasses render the same HTML and put the constructor's name and
arguments in data- attributes; engage/js/admin.js starts them (`data-engage-widget`),
as it starts the date pickers and inline panels.
"""

import json

from django.utils.html import format_html
from wagtail.images.widgets import AdminImageChooser


class ScriptFreeChooserMixin:
    def render(self, name, value, attrs=None, renderer=None):
        if not attrs or "id" not in attrs:
            raise TypeError("A chooser cannot be rendered without an 'id' attribute")
        value_data = self.get_value_data(value)
        options = self.get_js_init_options(attrs["id"], name, value_data)
        return format_html(
            '{}<span hidden data-engage-widget="{}" data-engage-target="{}" '
            'data-engage-config="{}"></span>',
            self.render_html(name, value_data, attrs),
            self.js_constructor,
            attrs["id"],
            json.dumps(options),
        )


class ImageChooser(ScriptFreeChooserMixin, AdminImageChooser):
    """Wagtail's image chooser, started by engage/js/admin.js."""
