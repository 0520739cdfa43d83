"""Discussion guides (pages) and the city-wide cohesion report (/<lang>/reports/cohesion/).

The demo guide index and its first guide are for everyone; the second guide is for
partner organisations and staff (tests/guides/test_guide_audience.py covers the
audiences). The report is read by city staff with TOTP and by partners whose grant is
city-wide (the demo partner's is, with view access); its CSV needs export access, so
only staff. The admin viewset of cohesion sections is staff only.
"""

from tests.security.matrix import EVERYONE, REPORT_READERS, STAFF_ONLY, get

PAGE_TYPES = {
    "guides.DiscussionGuideIndexPage": get(EVERYONE),
    "guides.DiscussionGuidePage": get(EVERYONE),
}

ROUTES = {
    "cohesion:report": get(REPORT_READERS),
    "cohesion:report_csv": get(STAFF_ONLY),
}

VIEWSETS = ("cohesion_sections",)


def build(world):
    """The demo guides and cohesion sections (loaded here until seed_demo runs them)."""
    from pathlib import Path

    from consultations.cohesion import demo as cohesion_demo
    from engage.demo.data import DemoContext
    from home.guides import demo as guides_demo

    for module in (guides_demo, cohesion_demo):
        module.load_demo(Path(module.__file__).resolve().parent, DemoContext())
