"""Demo data of hate incident reporting for `seed_demo` (idempotent, fictional).

- `northbridge-wards.geojson`: eight fictional wards of Northbridge (NB-W01…NB-W08),
  imported as children of the city area NB0001 through `import_areas`' own importer,
  so the demo exercises the same validation. Wards that already have a boundary are
  left as they are.
"""

import json
from pathlib import Path

from engage.communities.management.commands.import_areas import import_area_boundaries
from engage.communities.models import Area
from engage.demo import northbridge
from engage.demo.data import DemoDataError, read

WARDS_FILE = "northbridge-wards.geojson"
CODE_PROPERTY = "ward_code"
NAME_PROPERTY = "ward_name"


def load_demo(data_dir, context):
    """Create this app's part of the Northbridge demo city (idempotent)."""
    load_wards(data_dir, context)


def load_wards(data_dir, context):
    """The Northbridge wards with their boundaries, as children of the city."""
    city = read(Path(northbridge.__file__).resolve().parent, northbridge.DATA_FILE)
    document = json.loads((data_dir / WARDS_FILE).read_text(encoding="utf-8"))
    done = set(Area.objects.filter(boundary__isnull=False).values_list("code", flat=True))
    document["features"] = [
        feature
        for feature in document["features"]
        if feature["properties"][CODE_PROPERTY] not in done
    ]
    if not document["features"]:
        return
    result = import_area_boundaries(
        document,
        code_property=CODE_PROPERTY,
        name_property=NAME_PROPERTY,
        parent_code=city["area"]["code"].str(),
        create_missing=True,
    )
    if not result.ok:
        raise DemoDataError(WARDS_FILE, "features", "; ".join(result.errors))
    for code in result.created:
        context.note(True, "ward", code)
