"""`{% translatable content %}…{% endtranslatable %}`: wrap the markup that shows a
piece of resident content's text.

    {% load machine_translation %}
    {% translatable comment %}
        <div class="comment__body" dir="auto">{{ comment.body_html|safe }}</div>
    {% endtranslatable %}

With the feature off (the null backend), for a moderator, for content in the reader's
language, not published or too long, it renders exactly what it wraps. Otherwise it
renders `machine_translation/translatable.html`: the translation when the cache has one,
with the original in a `<details>` ("Translated automatically from <language> — show
original", which works without JavaScript), else the original marked with the endpoint
for the page's script to ask. Rendering never calls the translation service.

The output depends only on the content, the reader's language and whether the reader
may read translations (`rules`), never on the request's path or query, so it is safe
inside cached fragments keyed by those (the consultation's comment cards).
"""

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from engage.moderation import registry

from .. import services

register = template.Library()


def translation_url(content):
    """The endpoint that translates `content`, or None (unregistered, not mounted)."""
    try:
        return reverse(
            "machine_translation:translation",
            kwargs={"kind": registry.kind_of(content), "pk": content.pk},
        )
    except (LookupError, NoReverseMatch):
        return None


class TranslatableNode(template.Node):
    def __init__(self, content, nodelist):
        self.content = content
        self.nodelist = nodelist

    def render(self, context):
        original = self.nodelist.render(context)
        if not services.is_enabled():
            return original
        content = self.content.resolve(context, ignore_failures=True)
        if content is None or getattr(content, "pk", None) is None:
            return original
        request = context.get("request")
        user = getattr(request, "user", None)
        target = services.reader_language()
        translated = services.cached_translation(content, user, target)
        fetch_url = None
        if translated is None:
            fetch_url = (
                translation_url(content) if services.is_pending(content, user, target) else None
            )
            if fetch_url is None:
                return original
        return render_to_string(
            "machine_translation/translatable.html",
            {
                "original": mark_safe(original),  # noqa: S308 - the template's own output
                "source": services.base_language(content.language),
                "source_dir": services.text_direction(content.language),
                "translation": translated,
                "fetch_url": fetch_url,
                "script_url": static("machine_translation/translate.js"),
            },
        )


@register.tag("translatable")
def do_translatable(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(
            "{% translatable content %} takes one argument: the resident content."
        )
    nodelist = parser.parse(("endtranslatable",))
    parser.delete_first_token()
    return TranslatableNode(parser.compile_filter(bits[1]), nodelist)
