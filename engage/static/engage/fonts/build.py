"""Rebuild the shipped fonts from Debian's fonts-noto-core TrueType files.

Not part of the site: run it by hand in a throwaway virtualenv (fontTools is not a
project dependency), as README.md in this folder describes:

    python3 -m venv /tmp/ftvenv && /tmp/ftvenv/bin/pip install fonttools brotli
    /tmp/ftvenv/bin/python build.py /path/to/usr/share/fonts/truetype/noto .

Writes the web fonts (WOFF2, cut to the Unicode ranges that fonts.css declares), the
list of characters each one maps (coverage.json, read by the tests) and the
two PDF fonts (one TrueType per weight covering Latin, Arabic script with the
presentation forms that arabic-reshaper produces, and the arrows and minus sign that
the catalogues use).
"""

import hashlib
import json
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.merge import Options as MergeOptions
from fontTools.ttLib import TTFont

# Keep these in step with the unicode-range lines in css/fonts.css.
LATIN = (
    "U+0000-024F,U+0259,U+02B0-02FF,U+0300-036F,U+1E00-1EFF,U+2000-206F,"
    "U+2070-209F,U+20A0-20CF,U+2100-214F,U+25CC,U+FEFF,U+FFFD"
)
ARABIC = "U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F,U+25CC"
SYMBOLS = "U+2190-2195,U+2212"
PDF_FAMILY = "Engage Report Sans"


def cut(source, ranges, target, flavor=None, layout=True):
    """Subset `source` to `ranges`; without `layout` the OpenType layout tables go too
    (reportlab draws one glyph per character and reads none of them)."""
    options = subset.Options()
    options.layout_features = ["*"] if layout else []
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["MATH", "DSIG"]
    if not layout:
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "JSTF"]
    options.flavor = flavor
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(ranges))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return str(target)


def web_fonts(source, target):
    for weight in ("Regular", "Bold"):
        for family, ranges, part in (
            ("NotoSans", LATIN, "latin"),
            ("NotoNaskhArabic", ARABIC, "arabic"),
            ("NotoNastaliqUrdu", ARABIC, "arabic"),
        ):
            cut(
                source / f"{family}-{weight}.ttf",
                ranges,
                target / f"{family}-{weight}.{part}.woff2",
                "woff2",
            )
    cut(
        source / "NotoSansMath-Regular.ttf",
        SYMBOLS,
        target / "NotoSansMath-Regular.arrows.woff2",
        "woff2",
    )


def pdf_fonts(source, target):
    for weight in ("Regular", "Bold"):
        with tempfile.TemporaryDirectory() as tmp:
            parts = [
                cut(source / f"NotoSans-{weight}.ttf", LATIN, Path(tmp, "latin.ttf"), layout=False),
                cut(
                    source / f"NotoNaskhArabic-{weight}.ttf",
                    ARABIC,
                    Path(tmp, "arabic.ttf"),
                    layout=False,
                ),
                cut(
                    source / "NotoSansMath-Regular.ttf",
                    SYMBOLS,
                    Path(tmp, "symbols.ttf"),
                    layout=False,
                ),
            ]
            # The first font wins where two map the same character (space, digits).
            merged = Merger(options=MergeOptions(drop_tables=["vmtx", "vhea"])).merge(parts)
        names = merged["name"]
        for name_id in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=name_id)
        postscript = f"{PDF_FAMILY.replace(' ', '')}-{weight}"
        names.setName(PDF_FAMILY, 1, 3, 1, 0x409)
        names.setName(weight, 2, 3, 1, 0x409)
        names.setName(f"{PDF_FAMILY} {weight}", 4, 3, 1, 0x409)
        names.setName(postscript, 6, 3, 1, 0x409)
        names.setName(
            f"{postscript}; Noto Sans, Noto Naskh Arabic and Noto Sans Math merged", 3, 3, 1, 0x409
        )
        merged.save(target / f"{postscript}.ttf")


def coverage(target):
    """coverage.json: the characters each web font maps, with the file's SHA-256, so
    that tests/pdf can check the catalogues against the web fonts without fontTools."""
    files = {}
    for path in sorted(target.glob("*.woff2")):
        codepoints = sorted(TTFont(path).getBestCmap())
        files[path.name] = {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "codepoints": codepoints,
        }
    (target / "coverage.json").write_text(json.dumps(files, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    web_fonts(source, target)
    pdf_fonts(source, target)
    coverage(target)
