"""Automatic links: the first use of each agreed term in a piece of HTML links to its
definition with a popover; only text is touched; every language, right-to-left too."""

import re

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeString

from engage.policy.glossary import services, terms_cache
from engage.policy.glossary.linking import link_terms
from engage.policy.glossary.models import TermStatus, TermTranslation

from .conftest import make_term, wording

pytestmark = pytest.mark.django_db

# A term in each interface language, and a sentence that uses it twice.
SAMPLES = {
    "en": ("community cohesion", "Community cohesion matters. We build community cohesion."),
    "ar": ("التطرف", "التطرف خطر على الجميع، ونواجه التطرف معاً."),
    "fr": ("cohésion sociale", "La cohésion sociale compte. Construisons la cohésion sociale."),
    "de": ("Zusammenhalt", "Zusammenhalt ist wichtig. Wir stärken den Zusammenhalt."),
    "nl": ("sociale cohesie", "Sociale cohesie telt. Wij bouwen aan sociale cohesie."),
    "es": ("cohesión social", "La cohesión social importa. Construimos cohesión social."),
    "pl": ("polaryzacja", "Polaryzacja rośnie. Polaryzacja szkodzi."),
    "tr": ("toplumsal uyum", "Toplumsal uyum önemlidir. toplumsal uyum için çalışıyoruz."),
    "ur": ("انتہا پسندی", "انتہا پسندی ایک خطرہ ہے۔ ہم انتہا پسندی کا مقابلہ کرتے ہیں۔"),
    "so": ("xagjirnimo", "Xagjirnimo waa khatar. Waxaan ka hortagnaa xagjirnimo."),
}


def test_every_interface_language_has_a_sample():
    assert {code for code, _name in settings.LANGUAGES} <= set(SAMPLES)


def links(html):
    return re.findall(r'<a class="glossary-ref__term" href="([^"]+)"[^>]*>([^<]*)</a>', str(html))


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_first_use_links_to_the_definition_in_every_language(language):
    label, sentence = SAMPLES[language]
    make_term("sample", {language: wording(label, "Definition <b>here</b>.")})
    with translation.override(language):
        html = link_terms(SafeString(f"<p>{sentence}</p>"))
    found = links(html)
    assert len(found) == 1, html
    url, words = found[0]
    assert url == f"/{language}/glossary/sample/"
    assert words.casefold() == label.casefold()
    direction = "rtl" if language in settings.LANGUAGES_BIDI else "ltr"
    assert f'popover lang="{language}" dir="{direction}"' in html
    assert "Definition &lt;b&gt;here&lt;/b&gt;." in html  # text, never markup
    # The second use stays plain text.
    assert str(html).count(label) + str(html).count(label.capitalize()) >= 2


def test_arabic_finds_the_term_after_an_attached_prefix():
    make_term("extremism", {"ar": wording("التطرف")})
    html = link_terms(SafeString("<p>نرفض والتطرف بكل أشكاله.</p>"), "ar")
    assert links(html) == [("/en/glossary/extremism/", "التطرف")]
    assert "نرفض و<span" in html


def test_a_word_that_only_contains_the_term_is_not_linked():
    make_term("cohesion", {"en": wording("cohesion")})
    assert links(link_terms(SafeString("<p>Incohesion and cohesions.</p>"), "en")) == []


def test_the_longest_form_wins_in_urdu():
    make_term("extremism", {"ur": wording("انتہا پسندی")})
    make_term("radicalisation", {"ur": wording("انتہا پسندی کی جانب رجحان")})
    html = link_terms(SafeString("<p>انتہا پسندی کی جانب رجحان اور انتہا پسندی</p>"), "ur")
    assert [words for _url, words in links(html)] == ["انتہا پسندی کی جانب رجحان", "انتہا پسندی"]
    assert 'dir="rtl"' in html


def test_other_forms_link_inflected_words():
    make_term("polarisation", {"pl": wording("polaryzacja", variants=["polaryzacji"])})
    html = link_terms(SafeString("<p>Skutki polaryzacji są poważne.</p>"), "pl")
    assert links(html) == [("/en/glossary/polarisation/", "polaryzacji")]


def test_links_headings_and_code_are_left_alone():
    make_term("cohesion", {"en": wording("cohesion")})
    source = (
        '<h2>Cohesion</h2><p><a href="/x">cohesion</a> <code>cohesion</code></p>'
        "<pre>cohesion</pre><p>Then cohesion.</p>"
    )
    html = link_terms(SafeString(source), "en")
    assert html.startswith(
        '<h2>Cohesion</h2><p><a href="/x">cohesion</a> <code>cohesion</code></p><pre>cohesion</pre><p>Then '
    )
    assert len(links(html)) == 1


def test_markup_and_attributes_come_back_unchanged():
    make_term("cohesion", {"en": wording("cohesion")})
    source = '<p class="x" data-note="cohesion">A <em title="cohesion">cohesion</em> story &amp; more<br/></p>'
    html = link_terms(SafeString(source), "en")
    assert html.startswith(
        '<p class="x" data-note="cohesion">A <em title="cohesion"><span class="glossary-ref">'
    )
    assert html.endswith("story &amp; more<br/></p>")


def test_labels_and_definitions_cannot_inject_markup():
    make_term(
        "bad",
        {"en": wording('bad "term"', '<script>alert(1)</script><img src=x onerror="x">')},
    )
    html = link_terms(SafeString('<p>A bad "term" here.</p>'), "en")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert 'aria-label="Definition of “bad &quot;term&quot;”"' in html


def test_plain_text_is_escaped_before_linking():
    make_term("cohesion", {"en": wording("cohesion")})
    html = link_terms("<b>cohesion</b>", "en")
    assert "<b>" not in html and "&lt;b&gt;" in html and len(links(html)) == 1


def test_only_agreed_terms_are_linked():
    make_term("draft", {"en": wording("draft word")}, status=TermStatus.UNDER_REVIEW)
    make_term("old", {"en": wording("old word")}, status=TermStatus.RETIRED)
    assert links(link_terms(SafeString("<p>draft word, old word</p>"), "en")) == []


def test_popover_ids_are_unique_across_calls():
    make_term("cohesion", {"en": wording("cohesion")})
    first = link_terms(SafeString("<p>cohesion</p>"), "en")
    second = link_terms(SafeString("<p>cohesion</p>"), "en")
    ids = re.findall(r'id="([^"]+)"', first + second)
    assert len(ids) == len(set(ids)) == 2


def test_a_change_bumps_the_cached_list_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        term = make_term("cohesion", {"en": wording("cohesion")})
    before = terms_cache.version()
    assert [item["key"] for item in terms_cache.linkable_terms("en")] == ["cohesion"]
    with django_capture_on_commit_callbacks(execute=True):
        TermTranslation.objects.create(term=term, language="fr", label="cohésion", definition="…")
    assert terms_cache.version() != before
    with django_capture_on_commit_callbacks(execute=True):
        services.retire(term, by=None)
    assert terms_cache.linkable_terms("en") == []


def test_the_filter_and_the_block_tag():
    make_term("cohesion", {"en": wording("cohesion"), "ar": wording("التماسك")})
    template = Template(
        '{% load glossary %}{{ html|glossary_links }}|{% glossary "ar" %}<p>التماسك</p>{% endglossary %}'
    )
    with translation.override("en"):
        out = template.render(Context({"html": SafeString("<p>cohesion</p>")}))
    first, second = out.split("|")
    assert len(links(first)) == 1 and len(links(second)) == 1
    assert 'lang="ar" dir="rtl"' in second
