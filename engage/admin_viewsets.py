"""Shared pieces for the Wagtail admin viewsets of Engage's apps."""


class ListingQuerysetMixin:
    """Give a ModelViewSet's listing an optimised queryset (select_related, annotations).

    Wagtail 8's ModelViewSet has no `get_queryset(request)`; its index view takes the
    queryset as a view argument, so override `index_queryset()` instead.
    """

    def index_queryset(self):
        return self.model._default_manager.all()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=self.index_queryset(), **kwargs)


class ReadOnlyViewSetMixin(ListingQuerysetMixin):
    """A listing and an inspect page, nothing to add, copy or edit: audit trails and
    import histories. Pair it with a permission policy that allows only "view"."""

    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []
