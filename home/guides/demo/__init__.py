"""Demo discussion guides (home/guides/demo/guides.yaml), loaded by `manage.py seed_demo`
after home.demo: a guide index below the home page and two guides in English, Arabic,
French, Polish, Somali and Urdu. Idempotent: an existing (perhaps edited) page is kept.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from engage.demo.data import read
from engage.demo.pages import child_page, page_content
from home.demo import index_page_under_home

from ..audience import GuideAudience
from ..models import DiscussionGuideIndexPage, DiscussionGuidePage

DATA_FILE = "guides.yaml"
SUPPORT_FIELDS = ("name", "title", "url", "phone", "email")


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    index = index_page_under_home(data, DiscussionGuideIndexPage, context)
    for node in data.get("guides", []).list():
        seed_guide(index, node, context)
    return index


def _per_language(node, field_name, convert):
    """{field_<lang>: value} and the default field, from a mapping by language."""
    values = {language: convert(item) for language, item in node.items()}
    if settings.LANGUAGE_CODE not in values:
        raise node.error(_("this key is missing"), f"{node.key}.{settings.LANGUAGE_CODE}")
    fields = {field_name: values[settings.LANGUAGE_CODE]}
    fields.update({f"{field_name}_{language}": value for language, value in values.items()})
    return fields


def _questions(node):
    return [
        {
            "type": "question",
            "value": {"question": item["question"].str(), "why": item.get("why", "").value},
        }
        for item in node.list()
    ]


def _support(node, language):
    blocks = []
    for item in node.list():
        kind = item["type"].choice({"contact": "contact", "link": "link"})
        value = {name: item.get(name, "").value for name in SUPPORT_FIELDS if item.has(name)}
        if item.has("description"):
            texts = item["description"].translations()
            value["description"] = texts.get(language) or texts[settings.LANGUAGE_CODE]
        blocks.append({"type": kind, "value": value})
    return blocks


def seed_guide(index, node, context):
    content = page_content(node, fields=("title", "summary", "purpose", "do", "avoid"))
    if node.has("key_terms"):
        content.update(
            _per_language(node["key_terms"], "key_terms", lambda n: "\n".join(n.strings()))
        )
    if node.has("questions"):
        content.update(_per_language(node["questions"], "questions", _questions))
    if node.has("support"):
        # Names and addresses are written once; descriptions per language.
        content["support"] = _support(node["support"], settings.LANGUAGE_CODE)
        for language in node["title"].translations():
            content[f"support_{language}"] = _support(node["support"], language)
    return child_page(
        index,
        DiscussionGuidePage,
        node["slug"].str(),
        content,
        context,
        audience=node.get("audience", "everyone").choice(GuideAudience),
    )
