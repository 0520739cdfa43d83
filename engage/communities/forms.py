"""Forms for the optional "About me" section: consent, then one choice per dimension.

The declaration form only ever holds the signed-in person's own answers; it is built
from their declarations by the view and saved through the services.
"""

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

# Radio values beside the category ids: "prefer not to say" is stored (a declaration
# with no category); "no answer" removes the declaration.
PREFER_NOT_TO_SAY = "prefer-not-to-say"
NO_ANSWER = ""


class ConsentForm(forms.Form):
    """The explicit, unticked consent box shown before anything can be declared."""

    agree = forms.BooleanField(
        label=_(
            "I agree that the city may keep my answers about myself for the purpose "
            "described above, and I know I can withdraw at any time."
        ),
        required=True,
        error_messages={
            "required": _(
                "Tick the box to agree before you tell us about yourself. If you would "
                "rather not, you can simply leave this page: it is optional."
            ),
        },
    )


class DeclarationForm(forms.Form):
    """One radio group per dimension: its categories, "Prefer not to say" and "No
    answer". Only the choices offered for a dimension are accepted, so a category of
    another dimension, an unknown id or a tampered value is an error on that field."""

    def __init__(self, *args, dimensions, declarations, **kwargs):
        """`dimensions`: ordered, with `categories` prefetched. `declarations`: the
        person's own, keyed by dimension id."""
        super().__init__(*args, **kwargs)
        self.dimensions = list(dimensions)
        self.current = {}
        for dimension in self.dimensions:
            declaration = declarations.get(dimension.pk)
            if declaration is None:
                current = NO_ANSWER
            elif declaration.category_id is None:
                current = PREFER_NOT_TO_SAY
            else:
                current = str(declaration.category_id)
            self.current[dimension.pk] = current
            choices = [(str(category.pk), category.name) for category in dimension.categories.all()]
            choices += [
                (PREFER_NOT_TO_SAY, _("Prefer not to say")),
                (NO_ANSWER, _("No answer")),
            ]
            self.fields[self.field_name(dimension)] = forms.ChoiceField(
                label=dimension.name,
                # The field component renders help text as HTML; a description is plain text.
                help_text=escape(dimension.description),
                choices=choices,
                required=False,
                initial=current,
                widget=forms.RadioSelect,
                error_messages={
                    # %% keeps a "%" in a dimension's name from being read as a placeholder
                    # when Django fills in %(value)s.
                    "invalid_choice": _(
                        "That answer is not one of the choices for “%(dimension)s”. "
                        "Please choose again."
                    )
                    % {"dimension": dimension.name.replace("%", "%%")},
                },
            )

    @staticmethod
    def field_name(dimension):
        return f"dimension_{dimension.pk}"

    def dimension_fields(self):
        """(dimension, bound field) pairs in the dimensions' order."""
        return [(dimension, self[self.field_name(dimension)]) for dimension in self.dimensions]

    def changes(self):
        """What to write, for a valid form: (dimension, answer) for each dimension whose
        answer differs from the stored one; answer is a `Category`, PREFER_NOT_TO_SAY or
        NO_ANSWER."""
        changes = []
        for dimension in self.dimensions:
            value = self.cleaned_data.get(self.field_name(dimension)) or NO_ANSWER
            if value == self.current[dimension.pk]:
                continue
            if value in (PREFER_NOT_TO_SAY, NO_ANSWER):
                changes.append((dimension, value))
            else:
                categories = {str(category.pk): category for category in dimension.categories.all()}
                changes.append((dimension, categories[value]))
        return changes
