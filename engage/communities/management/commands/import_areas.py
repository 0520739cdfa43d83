"""`python manage.py import_areas FILE.geojson --code-property NAME --name-property NAME
[--parent CODE] [--create-missing]`

Reads a GeoJSON FeatureCollection (WGS84 longitude/latitude) and sets the boundary
and name of the area whose code is in each feature's `--code-property`. Areas that do
not exist yet are created only with `--create-missing` (as children of `--parent` when
given); otherwise they are reported. Every problem is reported per feature (its
number, counted from 1, and its code) and nothing is imported when there is any.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from engage.communities.geometry import geometry_problems
from engage.communities.models import Area

NAME_MAX_LENGTH = Area._meta.get_field("name").max_length
CODE_MAX_LENGTH = Area._meta.get_field("code").max_length


@dataclass
class AreaImport:
    """What an import did (`created`, `updated`) or why it did nothing (`errors`)."""

    errors: list = field(default_factory=list)
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def feature_error(self, number, code, message):
        if code:
            where = _("Feature %(number)s (code “%(code)s”)") % {"number": number, "code": code}
        else:
            where = _("Feature %(number)s") % {"number": number}
        self.errors.append(f"{where}: {message}")


def _text_property(properties, key):
    value = properties.get(key)
    if value is None:
        return ""
    return str(value).strip()


def _features(document, result):
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        result.errors.append(
            _(
                "The file is not a GeoJSON FeatureCollection. Export the boundaries as "
                "GeoJSON (a FeatureCollection of Polygon or MultiPolygon features)."
            )
        )
        return []
    features = document.get("features")
    if not isinstance(features, list) or not features:
        result.errors.append(_("The FeatureCollection has no features. Nothing to import."))
        return []
    return features


def _check_feature(number, feature, options, known, seen, result):
    """The (code, name, geometry) of a good feature; None after recording its problems."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        result.feature_error(number, "", _("This is not a GeoJSON Feature."))
        return None
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        properties = {}
    code = _text_property(properties, options["code_property"])
    name = _text_property(properties, options["name_property"])
    problems = []
    if not code:
        problems.append(
            _("The property “%(property)s” with the area code is missing or empty.")
            % {"property": options["code_property"]}
        )
    elif len(code) > CODE_MAX_LENGTH:
        problems.append(
            _("The code is longer than %(limit)s characters.") % {"limit": CODE_MAX_LENGTH}
        )
    if not name:
        problems.append(
            _("The property “%(property)s” with the area name is missing or empty.")
            % {"property": options["name_property"]}
        )
    elif len(name) > NAME_MAX_LENGTH:
        problems.append(
            _("The name is longer than %(limit)s characters.") % {"limit": NAME_MAX_LENGTH}
        )
    if code and code in seen:
        problems.append(
            _("The code is also used by feature %(other)s; each area may appear once.")
            % {"other": seen[code]}
        )
    if code and code not in known and not options["create_missing"]:
        problems.append(
            _(
                "There is no area with this code. Check the code property, add the area "
                "first, or import with --create-missing."
            )
        )
    geometry = feature.get("geometry")
    problems += geometry_problems(geometry)
    for problem in problems:
        result.feature_error(number, code, problem)
    if code:
        seen.setdefault(code, number)
    return None if problems else (code, name, geometry)


def import_area_boundaries(
    document, *, code_property, name_property, parent_code=None, create_missing=False
):
    """Import boundaries from a parsed GeoJSON `document` (see the module docstring).
    Returns an `AreaImport`; writes nothing unless it is `ok`."""
    result = AreaImport()
    parent = None
    if parent_code:
        parent = Area.objects.filter(code=parent_code).first()
        if parent is None:
            result.errors.append(
                _("There is no parent area with the code “%(code)s”. Check --parent.")
                % {"code": parent_code}
            )
    features = _features(document, result)
    options = {
        "code_property": code_property,
        "name_property": name_property,
        "create_missing": create_missing,
    }
    known = {area.code: area for area in Area.objects.all()}
    seen, good = {}, []
    for number, feature in enumerate(features, start=1):
        checked = _check_feature(number, feature, options, known, seen, result)
        if checked:
            good.append(checked)
    if not result.ok:
        return result
    with transaction.atomic():
        for code, name, geometry in good:
            area = known.get(code)
            if area is None:
                Area.objects.create(code=code, name=name, parent=parent, boundary=geometry)
                result.created.append(code)
                continue
            area.name, area.boundary = name, geometry
            fields = ["name", "boundary"]
            if parent is not None and area.pk != parent.pk:
                area.parent = parent
                fields.append("parent")
            area.save(update_fields=fields)
            result.updated.append(code)
    return result


def read_geojson(path):
    """The parsed document at `path`, or CommandError saying why it cannot be read."""
    try:
        return json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CommandError(
            _("%(file)s is not UTF-8 text. Save the GeoJSON as UTF-8.") % {"file": path}
        ) from None
    except json.JSONDecodeError as error:
        raise CommandError(
            _(
                "%(file)s is not valid JSON (line %(line)s, column %(column)s: %(problem)s). "
                "Export the boundaries again as GeoJSON."
            )
            % {"file": path, "line": error.lineno, "column": error.colno, "problem": error.msg}
        ) from None


class Command(BaseCommand):
    help = (
        "Import area boundaries from a GeoJSON FeatureCollection (WGS84). Each feature "
        "sets the name and boundary of the area with its code; nothing is imported if "
        "any feature has a problem, and every problem is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The GeoJSON file.")
        parser.add_argument(
            "--code-property", required=True, help="The feature property holding the area code."
        )
        parser.add_argument(
            "--name-property", required=True, help="The feature property holding the area name."
        )
        parser.add_argument(
            "--parent", default=None, help="The code of the area the imported areas are part of."
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create areas whose codes do not exist yet (otherwise they are reported).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file at %(path)s. Check the path.") % {"path": path})
        result = import_area_boundaries(
            read_geojson(path),
            code_property=options["code_property"],
            name_property=options["name_property"],
            parent_code=options["parent"],
            create_missing=options["create_missing"],
        )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(
                _(
                    "Nothing was imported: %(count)s problem(s) in %(file)s. Fix them and run "
                    "the import again."
                )
                % {"count": len(result.errors), "file": path.name}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(total)s boundaries (%(created)s new areas, %(updated)s updated).")
                % {
                    "total": len(result.created) + len(result.updated),
                    "created": len(result.created),
                    "updated": len(result.updated),
                }
            )
        )
