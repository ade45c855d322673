"""The forms' renderer: Django's, with the plain widgets drawn in Python.

Django draws every <input> and <textarea> through three templates (the widget's, input.html,
attrs.html), each a template context built and rendered: on the public tracking page the two
fields of its form were an eighth of the request. ``FormRenderer`` produces the markup of those
templates directly — same attributes, same order, same escaping — and leaves every other
template (selects, radio lists, file inputs, the admin's widgets, layouts) to Django.
``portal/tests/test_form_renderer.py`` holds the two to the same output.

``{% form_fields form %}`` (``includes/form.html``) draws a form's errors and fields in Python
for the same reason: the template's loop over the fields, resolving five attributes of each
through the template language, was a fifth of the public tracking page's rendering (#18).
``portal/tests/test_form_fields_tag.py`` holds it to the template it replaced."""

from __future__ import annotations

import html

from django import template
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _escape(value) -> str:
    """``conditional_escape``'s text. A plain ``str`` (most attributes and values) goes straight
    to ``html.escape``, which Django's ``escape`` calls, without the checks and ``SafeString``
    around it: a fifth of the cost (#18)."""
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(value)


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
            parts.append(f" {_escape(name)}")
        else:
            parts.append(f' {_escape(name)}="{_escape(str(value))}"')
    return "".join(parts)


def render_input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_escape(str(value))}"'
    return (
        f'<input type="{_escape(widget["type"])}" '
        f'name="{_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def render_textarea(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_escape(value) if value else ''}</textarea>"
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in _INPUTS:
            return render_input(context["widget"])
        if template_name == _TEXTAREA:
            return render_textarea(context["widget"])
        return super().render(template_name, context, request=request)


def field_markup(field) -> str:
    """One field with its label, required mark, help and errors: the markup every form of the
    site draws a field with (``includes/form.html`` through ``form_fields``, and
    ``portal/includes/field.html`` through ``form_field``)."""
    auto_id = _escape(field.auto_id)
    required = ' <span class="required" aria-hidden="true">*</span>' if field.field.required else ""
    help_text = (
        f'<p class="help" id="{auto_id}_helptext">{_escape(field.help_text)}</p>'
        if field.help_text
        else ""
    )
    errors = field.errors
    messages = "".join(
        f'<p class="error" id="{auto_id}_error">{_escape(error)}</p>' for error in errors
    )
    return (
        f'<div class="field{" field-error" if errors else ""}">\n'
        f'  <label for="{_escape(field.id_for_label)}">'
        f"{_escape(field.label)}{required}</label>\n"
        f"  {help_text}\n"
        f"  {messages}\n"
        f"  {_escape(field)}\n"
        "</div>"
    )


@register.simple_tag
def form_field(field) -> SafeString:
    """``field_markup`` of a bound field; nothing for a field the form does not have."""
    if field is None or isinstance(field, str):  # not ``not field``: a BoundField has a length
        return SafeString("")
    return mark_safe(field_markup(field))  # noqa: S308  # nosec B308, B703: escaped in it


@register.simple_tag
def form_fields(form) -> SafeString:
    """The form's errors not tied to a field, then each visible field with its label, help and
    errors, then the hidden fields: the markup ``includes/form.html`` had as a template."""
    summary = form.non_field_errors()
    head = (
        '\n<div class="error-summary" role="alert">\n  '
        + "".join(f"<p>{_escape(error)}</p>" for error in summary)
        + "\n</div>\n"
        if summary
        else ""
    )
    visible = "".join(f"\n{field_markup(field)}\n" for field in form.visible_fields())
    hidden = "".join(_escape(field) for field in form.hidden_fields())
    return mark_safe(f"{head}\n{visible}\n{hidden}")  # noqa: S308  # nosec B308, B703: escaped above
