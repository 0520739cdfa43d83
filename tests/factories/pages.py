"""Wagtail pages: a base factory that adds each page to the tree under `parent` and
publishes it, and the home app's pages."""

import factory

from home.models import StandardPage


class PageFactory(factory.django.DjangoModelFactory):
    """Base for page factories: `parent` (required) is the page to add the new one under;
    `publish=False` leaves it as a draft with no live revision.

    Wagtail keeps pages in a tree, so `objects.create` cannot make one: the page is added
    with `parent.add_child(instance=...)` and then published from a revision, as an
    editor would."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        if parent is None:
            raise TypeError(f"{cls.__name__} needs parent=<the page to add it under>")
        if not publish:
            kwargs.setdefault("live", False)
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)  # Wagtail derives the slug from the title if none
        if publish:
            page.save_revision().publish()
        return page


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage
