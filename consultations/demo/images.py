"""Pictures for the demo consultations (consultations/demo/consultation_images.yaml,
files in consultations/demo/pictures/), loaded by `manage.py seed_demo` after
`consultations.demo`. Idempotent: an image already in the library (same file hash)
is reused, and a consultation that has an image keeps it."""

import hashlib

from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from engage.demo.data import read

from ..models import ConsultationPage

DATA_FILE = "consultation_images.yaml"
PICTURES = "pictures"


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    for node in data.get("pictures", []).list():
        page = ConsultationPage.objects.filter(slug=node["consultation"].str()).first()
        if page is None or page.image_id is not None:
            continue
        path = data_dir / PICTURES / node["file"].str()
        if not path.is_file():
            raise node["file"].error(_("no such picture: %(name)s") % {"name": path.name})
        page.image = library_image(path, node["title"].str(), context)
        for field, text in node["alt"].translated("image_alt").items():
            setattr(page, field, text)
        page.save_revision().publish()


def library_image(path, title, context):
    """The Wagtail image of the file at `path`, added to the library if missing."""
    content = path.read_bytes()
    file_hash = hashlib.sha1(content, usedforsecurity=False).hexdigest()
    Image = get_image_model()
    image = Image.objects.filter(file_hash=file_hash).first()
    if image is None:
        with path.open("rb") as handle:
            image = Image(title=title, file=ImageFile(handle, name=path.name))
            image.file_hash = file_hash
            image.file_size = len(content)
            image.save()
        context.note(True, "image", title)
    return image
