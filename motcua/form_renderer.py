"""The forms' renderer: Django's, with the plain widgets drawn in Python.

Django draws every <input> and <textarea> through three templates (the widget's, input.html,
attrs.html), each a template context built and rendered: on the public tracking page the two
fields of its form were an eighth of the request. ``FormRenderer`` produces the markup of those
templates directly — same attributes, same order, same escaping — and leaves every other
template (selects, radio lists, file inputs, the admin's widgets, layouts) to Django.
``portal/tests/test_form_renderer.py`` holds the two to the same output."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

# Django's widget templates that are only input.html (or textarea.html) around the context.
_INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "tel",
        "search",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "color",
        "checkbox",
        "file",
    )
)
_TEXTAREA = "django/forms/widgets/textarea.html"


def _attrs(attrs: dict) -> str:
    """attrs.html: ``name="value"``, a bare name for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def render_textarea(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{conditional_escape(value) if value else ''}</textarea>"
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in _INPUTS:
            return render_input(context["widget"])
        if template_name == _TEXTAREA:
            return render_textarea(context["widget"])
        return super().render(template_name, context, request=request)
