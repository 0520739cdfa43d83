"""Read and check the demo data files (YAML) that `manage.py seed_demo` loads.

Each app keeps its demo content in `<app>/demo/*.yaml` and a small loader beside it
(`load_demo(data_dir, context)`). The loaders read values through `Node`, which knows
the file and the key it came from, so a missing key or a bad value stops the command
with an error naming both (`DemoDataError`), never a bare KeyError.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

MISSING = object()


class DemoDataError(Exception):
    """A demo data file is missing, unreadable, or has a missing key or a bad value."""

    def __init__(self, source, key, problem):
        self.source, self.key, self.problem = source, key, problem
        super().__init__(
            _("%(file)s, key “%(key)s”: %(problem)s")
            % {"file": source, "key": key or "(top)", "problem": problem}
        )


@dataclass
class DemoContext:
    """What the loaders share while seeding: `note(created, kind, label)` reports what
    was created, for the command's summary."""

    created: list = field(default_factory=list)

    def note(self, created, kind, label):
        if created:
            self.created.append((kind, str(label)))


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


class Node:
    """A value read from a demo data file, with the path of keys that led to it."""

    def __init__(self, value, source, key=""):
        self.value, self.source, self.key = value, source, key

    def error(self, problem, key=None):
        return DemoDataError(self.source, self.key if key is None else key, problem)

    def _child_key(self, key):
        if isinstance(key, int):
            return f"{self.key}[{key}]"
        return f"{self.key}.{key}" if self.key else str(key)

    def __getitem__(self, key):
        return self.get(key)

    def get(self, key, default=MISSING):
        """The child `key` as a Node; an error names the key when it is missing."""
        if not isinstance(self.value, dict):
            raise self.error(_("expected a mapping of keys to values"))
        if key not in self.value:
            if default is not MISSING:
                return Node(default, self.source, self._child_key(key))
            raise self.error(_("this key is missing"), self._child_key(key))
        return Node(self.value[key], self.source, self._child_key(key))

    def has(self, key):
        return isinstance(self.value, dict) and key in self.value

    def items(self):
        """(key, Node) pairs of a mapping, in the file's order."""
        if not isinstance(self.value, dict):
            raise self.error(_("expected a mapping of keys to values"))
        return [(key, self.get(key)) for key in self.value]

    def list(self):
        """The items of a list, as Nodes."""
        if self.value is None:
            return []
        if not isinstance(self.value, list):
            raise self.error(_("expected a list"))
        return [Node(item, self.source, self._child_key(n)) for n, item in enumerate(self.value)]

    def _typed(self, kinds, what):
        if isinstance(self.value, bool) and bool not in kinds:
            raise self.error(_("expected %(what)s") % {"what": what})
        if not isinstance(self.value, kinds):
            raise self.error(_("expected %(what)s") % {"what": what})
        return self.value

    def str(self):
        value = self._typed((str,), _("a text"))
        if not value.strip():
            raise self.error(_("this text is empty"))
        return value

    def strings(self):
        return [item.str() for item in self.list()]

    def int(self):
        return self._typed((int,), _("a whole number"))

    def number(self):
        return self._typed((int, float), _("a number"))

    def bool(self):
        return self._typed((bool,), _("true or false"))

    def decimal(self):
        try:
            return Decimal(str(self._typed((int, float, str), _("a number"))))
        except InvalidOperation:
            raise self.error(_("expected a number")) from None

    def fraction(self):
        """A number from 0 to 1 (a rate or a share)."""
        value = self.number()
        if not 0 <= value <= 1:
            raise self.error(_("expected a number from 0 to 1"))
        return value

    def choice(self, choices):
        """One of `choices` (a Django TextChoices class, or a mapping of names to values)."""
        options = (
            dict(choices)
            if isinstance(choices, dict)
            else {str(value): value for value in choices.values}
        )
        value = self.str()
        if value not in options:
            raise self.error(
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": value, "choices": ", ".join(options)}
            )
        return options[value]

    def translations(self):
        """{language: text}: English is required; other keys must be site languages."""
        if not isinstance(self.value, dict):
            raise self.error(_("expected the text in each language, e.g. en: …, ar: …, fr: …"))
        known = language_codes()
        for language in self.value:
            if language not in known:
                raise self.error(
                    _("“%(language)s” is not one of the site's languages (%(languages)s)")
                    % {"language": language, "languages": ", ".join(known)}
                )
        if settings.LANGUAGE_CODE not in self.value:
            raise self.error(_("this key is missing"), self._child_key(settings.LANGUAGE_CODE))
        return dict(self.value)

    def translated(self, field_name, convert=None):
        """Model keyword arguments for a translated field: `field`, then `field_<lang>`
        for every language given (django-modeltranslation)."""
        texts = {}
        for language, _text in self.translations().items():
            node = self.get(language)
            texts[language] = convert(node) if convert else node.str()
        fields = {field_name: texts[settings.LANGUAGE_CODE]}
        fields.update({f"{field_name}_{language}": text for language, text in texts.items()})
        return fields


def read(data_dir, name):
    """The top Node of `data_dir/name`, a YAML file."""
    path = Path(data_dir) / name
    source = _display_path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            value = yaml.safe_load(handle)
    except OSError as error:
        raise DemoDataError(source, "", error.strerror or str(error)) from None
    except yaml.YAMLError as error:
        raise DemoDataError(source, "", _("not valid YAML: %(error)s") % {"error": error}) from None
    if not isinstance(value, dict):
        raise DemoDataError(source, "", _("expected a mapping of keys to values"))
    return Node(value, source)


def _display_path(path):
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


def stream(node):
    """StreamField data (home.blocks.BodyStreamBlock) from a list such as
    `- heading: Why we ask` (`level: h3` optional) and `- paragraph: <p>…</p>`."""
    blocks = []
    for item in node.list():
        if item.has("heading"):
            level = item.get("level", "h2").choice({"h2": "h2", "h3": "h3", "h4": "h4"})
            value = {"text": item["heading"].str(), "level": level}
            blocks.append({"type": "heading", "value": value})
        elif item.has("paragraph"):
            blocks.append({"type": "paragraph", "value": item["paragraph"].str()})
        else:
            raise item.error(_("expected a block with a “heading” or a “paragraph” key"))
    return blocks


def local_time(node):
    """A time of day written as "HH:MM"."""
    try:
        return datetime.time.fromisoformat(node.str())
    except ValueError:
        raise node.error(_("expected a time of day such as 18:00")) from None


def days_from_today_at(days_node, time_node):
    """An aware datetime `days` after today (local date) at the given local time."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    day = timezone.localdate() + datetime.timedelta(days=days_node.int())
    return datetime.datetime.combine(day, local_time(time_node), tzinfo=zone)
