"""Glue between forms and services, shared by every app.

Services raise `ValidationError`s with a `code` (and sometimes an `error_dict`); views
catch them and hand them to the form, which shows each error against the field it is
about, or above the form when no field fits.
"""

from engage.moderation.text import TEXT_ERROR_CODES


class ServiceErrorsMixin:
    """`form.add_service_error(error)` for a form that a service validates.

    Where an error goes, in order:

    - a `ValidationError` with an `error_dict`: each part against the field it names,
      or above the form if the form has no such field;
    - an error whose code is one of the text checks (`TEXT_ERROR_CODES`: too long, too
      many links, …) against `text_field`, if the form sets one and has that field;
    - an error whose code is in `field_for_code` against that field, if the form has it;
    - anything else above the form.
    """

    #: service error codes shown against a field rather than above the form
    field_for_code: dict[str, str] = {}
    #: the field the text checks' errors belong to (None: no such field)
    text_field: str | None = None

    def add_service_error(self, error):
        """Put a service's ValidationError against its field, or above the form."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
            return
        self.add_error(self.service_error_field(getattr(error, "code", None)), error)

    def service_error_field(self, code):
        """The name of the field an error with `code` is shown against, or None."""
        if code in TEXT_ERROR_CODES and self.text_field in self.fields:
            return self.text_field
        field = self.field_for_code.get(code)
        return field if field in self.fields else None
