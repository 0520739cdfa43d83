"""The shared form and list components render accessibly."""

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template.loader import render_to_string


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="Shown to others.")
    email = forms.EmailField(label="Email")
    bio = forms.CharField(label="About you", widget=forms.Textarea, required=False)
    colour = forms.ChoiceField(label="Colour", choices=[("r", "Red"), ("b", "Blue")])
    agree = forms.BooleanField(label="I agree")


def render_field(form, name):
    return render_to_string("components/field.html", {"field": form[name]})


def test_field_without_errors_is_plain():
    html = render_field(ExampleForm(), "name")
    assert '<label for="id_name">Name</label>' in html
    assert 'id="id_name_helptext"' in html
    assert 'aria-describedby="id_name_helptext"' in html
    assert "aria-invalid" not in html


@pytest.mark.parametrize("name", ["name", "email", "colour", "agree"])
def test_field_with_errors_is_invalid_and_described(name):
    form = ExampleForm(data={})
    assert not form.is_valid()
    html = render_field(form, name)
    assert 'aria-invalid="true"' in html
    assert f'id="id_{name}_error"' in html
    assert f"id_{name}_error" in html.split("aria-describedby=")[1].split(">")[0]
    assert 'aria-live="polite"' in html
    assert "This field is required." in html


def test_optional_fields_say_so_and_textarea_renders():
    html = render_field(ExampleForm(), "bio")
    assert "(optional)" in html
    assert "<textarea" in html


def test_error_summary_links_to_each_field():
    form = ExampleForm(data={"email": "nope"})
    form.is_valid()
    html = render_to_string("components/error_summary.html", {"form": form})
    assert 'role="alert"' in html
    assert 'tabindex="-1"' in html
    assert "data-error-summary" in html
    for name in ("name", "email", "colour", "agree"):
        assert f'href="#id_{name}"' in html
    assert render_to_string("components/error_summary.html", {"form": ExampleForm()}).strip() == ""


def test_pagination_marks_the_current_page():
    page = Paginator(list(range(50)), 10).page(2)
    html = render_to_string("components/pagination.html", {"page_obj": page})
    assert '<nav class="pagination" aria-label="Pagination">' in html
    assert html.count('aria-current="page"') == 1
    assert 'rel="prev"' in html and 'rel="next"' in html
    single = Paginator([1], 10).page(1)
    assert render_to_string("components/pagination.html", {"page_obj": single}).strip() == ""


def test_button_renders_as_button_or_link():
    assert '<button type="submit" class="button button--primary">Save</button>' in (
        render_to_string("components/button.html", {"text": "Save"})
    )
    assert 'href="/x/"' in render_to_string(
        "components/button.html", {"text": "Go", "href": "/x/", "variant": "secondary"}
    )
