"""`{% load glossary %}`: automatic links to the agreed terms (see `linking`).

    {{ page.intro_html|glossary_links }}           the reader's language
    {{ brief.safe_html|safe|glossary_links:"ar" }}  a given language
    {% glossary %}{% include_block page.body %}{% endglossary %}
    {% glossary "ur" %}…{% endglossary %}

The value must be HTML that may be shown as it is (rich text, a SafeString, or text
marked `|safe` because it was sanitised); anything else is escaped first.
"""

from django import template

from ..linking import link_terms

register = template.Library()


@register.filter(name="glossary_links")
def glossary_links(value, language=None):
    return link_terms(value, language)


class GlossaryNode(template.Node):
    def __init__(self, nodelist, language):
        self.nodelist, self.language = nodelist, language

    def render(self, context):
        language = self.language.resolve(context) if self.language is not None else None
        return link_terms(self.nodelist.render(context), language)


@register.tag(name="glossary")
def glossary(parser, token):
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("{% glossary %} takes at most a language code.")
    language = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endglossary",))
    parser.delete_first_token()
    return GlossaryNode(nodelist, language)
