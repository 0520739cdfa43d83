"""Machine translation of resident content (issue #18, item 6; docs/machine-translation.md).

Off by default: the null backend translates nothing, and then no page changes. With a
LibreTranslate-compatible service configured (`engage/settings/machine_translation.py`),
a comment, forum post or opinion statement written in another language than the
reader's shows an automatic translation, with the original one click (or one query
parameter, without JavaScript) away.

- `backends`: the backend interface, the null backend and the LibreTranslate one;
- `services`: what to translate for whom, and the cache (no tables: the Django cache is
  the store);
- `rules`: who may read a translation (never a moderator: moderators decide on the
  original);
- `views`/`urls`: the small endpoint pages call to translate on demand;
- `templatetags.machine_translation`: `{% translatable content %}…{% endtranslatable %}`
  around the markup that shows a content's text.
"""
