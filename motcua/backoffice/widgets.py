"""Form widgets drawn in Python rather than through the template engine.

Django draws a <select> by rendering one template per <option>: on the officers' pages (an
assignment list of every officer of the ward, the queue's filters) that was a fifth of the
page's time. ``QuickSelect`` produces the same markup — the attributes the bound field adds
(id, aria-describedby, aria-invalid, required) included — with ``format_html``."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


def _options(options) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}{}>{}</option>',
        (
            (
                "" if option["value"] is None else str(option["value"]),
                " selected" if option["selected"] else "",
                flatatt({k: v for k, v in option["attrs"].items() if k != "selected"}),
                option["label"],
            )
            for option in options
        ),
    )


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(
                    format_html('<optgroup label="{}">{}</optgroup>', group_name, _options(options))
                )
            else:
                parts.append(_options(options))
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join("", "{}", ((part,) for part in parts)),
        )
