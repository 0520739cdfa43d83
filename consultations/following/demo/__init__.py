"""Demo data for the consultation index filters and the outcome page
(consultations/following/demo/following.yaml), loaded by `manage.py seed_demo`; safe
to re-run: policy areas filed on the demo consultations, and outcomes published on
closed ones. Creates what is missing; changes nothing that is already set."""

from pathlib import Path

from django.utils import timezone

from consultations.models import ConsultationPage
from engage.demo.data import DemoContext, read
from engage.policy.models import PolicyArea

DATA_DIR = Path(__file__).resolve().parent
DATA_FILE = "following.yaml"


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    for node in data.get("policy_areas", []).list():
        seed_policy_area(node, context)
    for node in data.get("outcomes", []).list():
        seed_outcome(node, context)


def seed(note=None):
    """Load this app's own data file; `note(created, kind, label)` reports."""
    context = DemoContext()
    if note is not None:
        context.note = note
    load_demo(DATA_DIR, context)


def seed_policy_area(node, context):
    """The policy area, and the consultations filed under it unless already filed."""
    names = node["name"].translated("name")
    slugs = node.get("consultations", []).strings()
    policy_area, created = PolicyArea.objects.get_or_create(slug=node["slug"].str(), defaults=names)
    context.note(created, "policy area", names["name"])
    for slug in slugs:
        page = ConsultationPage.objects.filter(slug=slug).first()
        if page is not None and page.policy_area_id is None:
            page.policy_area = policy_area
            page.save_revision().publish()


def seed_outcome(node, context):
    """The outcome of a closed consultation, published unless it already is."""
    texts = node["text"].translated("outcome")
    page = ConsultationPage.objects.filter(slug=node["consultation"].str()).first()
    now = timezone.now()
    if page is None or page.outcome_published_at is not None or page.closes_at > now:
        return
    page.outcome = texts["outcome"]
    for key, text in texts.items():
        if key != "outcome":
            setattr(page, key, text)
    page.outcome_published_at = now
    page.save_revision().publish()
    context.note(True, "outcome", page.title)
