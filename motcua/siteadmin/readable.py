"""JSON fields shown readably in the admin: indented, Vietnamese letters as they are, keys on
their own lines, both where they are read (a `<pre>` block) and where they are edited.

Django prints a read-only JSON value on one line; a dossier's form data or an audit entry's
details are then hard to read. Mix `ReadableJSONMixin` in first:
`class DossierAdmin(ReadableJSONMixin, admin.ModelAdmin)`.
"""

import json

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models
from django.forms.fields import InvalidJSONInput
from django.utils.html import format_html

READABLE_SUFFIX = "__readable"


def readable_json(value, encoder=None) -> str:
    """The value as indented JSON text, letters unescaped."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False, cls=encoder)


class IndentedJSONFormField(forms.JSONField):
    """The edit box shows the value indented instead of on one line."""

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):
            return value
        return readable_json(value, self.encoder)


class ReadableJSONMixin:
    """For ModelAdmin and inlines: read-only JSON fields become `<pre>` blocks (under the
    field's own label), editable ones an indented text box."""

    formfield_overrides = {
        models.JSONField: {
            "form_class": IndentedJSONFormField,
            "widget": forms.Textarea(attrs={"rows": 6, "cols": 40}),
        }
    }

    def _json_fields(self) -> dict:
        return {f.name: f for f in self.model._meta.fields if isinstance(f, models.JSONField)}

    def readable(self, names) -> list:
        """Read-only field names with the JSON ones shown readably. A subclass that overrides
        `get_readonly_fields` returns its names through this (otherwise its JSON fields simply
        stay on one line)."""
        json_fields = self._json_fields()
        return [f"{n}{READABLE_SUFFIX}" if n in json_fields else n for n in names]

    def get_readonly_fields(self, request, obj=None):
        return self.readable(super().get_readonly_fields(request, obj))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            shown = self.readable(flatten_fieldsets(fieldsets))  # Django shows all read-only
        else:
            shown = self.get_readonly_fields(request, obj)
        renamed = {n[: -len(READABLE_SUFFIX)] for n in shown if n.endswith(READABLE_SUFFIX)}
        return [
            (
                title,
                {
                    **options,
                    "fields": [
                        f"{n}{READABLE_SUFFIX}" if n in renamed else n for n in options["fields"]
                    ],
                },
            )
            for title, options in fieldsets
        ]

    def get_fields(self, request, obj=None):
        # Raw names here, once each; get_fieldsets renames the read-only JSON ones.
        fields = super().get_fields(request, obj)
        suffix = len(READABLE_SUFFIX)
        raw = [name[:-suffix] if name.endswith(READABLE_SUFFIX) else name for name in fields]
        return list(dict.fromkeys(raw))

    def get_exclude(self, request, obj=None):
        # The form never holds a JSON field that is only shown.
        shown = [
            n[: -len(READABLE_SUFFIX)]
            for n in self.get_readonly_fields(request, obj)
            if n.endswith(READABLE_SUFFIX)
        ]
        return [*(super().get_exclude(request, obj) or []), *shown] or None

    def _form_fields(self, request, obj, kwargs) -> dict:
        # A renamed field is shown, never edited: keep it (and its raw field) out of the form.
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            kwargs["fields"] = [n for n in kwargs["fields"] if not n.endswith(READABLE_SUFFIX)]
        return kwargs

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs = self._form_fields(request, obj, kwargs)
        return super().get_form(request, obj, change=change, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs = self._form_fields(request, obj, kwargs)
        return super().get_formset(request, obj, **kwargs)

    def __getattr__(self, name):
        if not name.endswith(READABLE_SUFFIX):
            raise AttributeError(name)
        field = self._json_fields().get(name[: -len(READABLE_SUFFIX)])
        if field is None:
            raise AttributeError(name)

        def display(obj):
            value = getattr(obj, field.name)
            if value in (None, "", [], {}):
                return "-"
            text = readable_json(value, field.encoder)
            return format_html('<pre class="readable-json">{}</pre>', text)

        display.short_description = field.verbose_name
        return display
