"""Form widgets drawn in Python rather than through the template engine.

Django draws a <select> by building a dictionary per <option> (its attributes copied, its
template chosen) and rendering one template per option: on the officers' pages (an assignment
list of every officer of the ward, the queue's filters) that was a fifth of the page's time.
``QuickSelect`` produces the same markup — the attributes the bound field adds (id,
aria-describedby, aria-invalid, required) included — straight from the choices.

The options' markup is kept per process for the same options (values, labels and which is
selected) when they are plain strings: the dossier page's assignment list is the same long list
on every view of the ward's dossiers, and drawing it was most of the page's action forms (#18).
A lazy (translated) label is keyed by its text in the language of the request; a label already
marked safe is drawn each time (its text must not be taken for the same text to escape)."""

from __future__ import annotations

import functools

from django import forms
from django.forms.utils import flatatt
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join

# Different option lists kept per process: the officer lists of the units signed in to it, the
# queue's filters.
KEPT_OPTION_LISTS = 256


def _markup(rows) -> str:
    return format_html_join("", '<option value="{}"{}>{}</option>', rows)


_kept_markup = functools.lru_cache(maxsize=KEPT_OPTION_LISTS)(_markup)


class QuickSelect(forms.Select):
    def _options(self, choices, wanted: set[str], state: dict) -> str:
        """The <option> markup of ``choices``; as in Django's Select, a single select marks only
        the first option whose value is wanted."""
        rows = []
        for value, label in choices:
            text = "" if value is None else str(value)
            selected = (self.allow_multiple_selected or not state["found"]) and text in wanted
            if selected:
                state["found"] = True
            if isinstance(label, Promise):
                label = str(label)  # translated now, as drawing it would
            rows.append((text, " selected" if selected else "", label))
        if all(type(text) is str and type(label) is str for text, _selected, label in rows):
            return _kept_markup(tuple(rows))
        return _markup(rows)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        wanted = set(self.format_value(value))
        state = {"found": False}
        parts = []
        plain = []
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):
                if plain:
                    parts.append(self._options(plain, wanted, state))
                    plain = []
                parts.append(
                    format_html(
                        '<optgroup label="{}">{}</optgroup>',
                        option_value,
                        self._options(option_label, wanted, state),
                    )
                )
            else:
                plain.append((option_value, option_label))
        if plain:
            parts.append(self._options(plain, wanted, state))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(attrs),
            format_html_join("", "{}", ((part,) for part in parts)),
        )
