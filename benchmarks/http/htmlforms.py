"""Forms read from a page the way a browser submits them: every field's current value (hidden
fields, the CSRF token, the ``version`` an edit form carries, checked boxes, the selected or
first option of a select; unticked required boxes kept apart for the filler to tick), the
caller's values on top, encoded as the form's enctype says. The
mixed-day driver (``mixed.py``) fills the site's real forms with it instead of building bodies
by hand, so a form that gains a field keeps working."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

# Types of <input> a browser never sends by itself.
_NOT_SENT = {"submit", "button", "image", "reset", "file"}


@dataclass
class Form:
    action: str
    method: str = "get"
    enctype: str = "application/x-www-form-urlencoded"
    # (name, value) in document order; a select with no option chosen gives its first option.
    fields: list[tuple[str, str]] = field(default_factory=list)
    # Names of the file inputs, and the options of each select (to pick another one).
    files: list[str] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)
    # The submit buttons' (name, value), the first one being what "Enter" sends.
    buttons: list[tuple[str, str]] = field(default_factory=list)
    # The type of each text-like input ("text", "date", "number", "email", "tel", "textarea").
    types: dict[str, str] = field(default_factory=dict)
    # The unticked checkboxes marked ``required`` (name, value): a browser does not submit the
    # form until the user ticks them (a confirmation such as "originals returned").
    required_boxes: list[tuple[str, str]] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        return next((v for n, v in self.fields if n == name), None)

    def filled(self, values: dict[str, str] | None = None) -> list[tuple[str, str]]:
        """The fields as submitted with ``values`` replacing (or adding) those named."""
        values = dict(values or {})
        out = []
        for name, value in self.fields:
            if name in values:
                if name not in dict(out):
                    out.append((name, values[name]))
                continue
            out.append((name, value))
        out += [(n, v) for n, v in values.items() if n not in dict(out)]
        return out


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, selected
        self._option: tuple[str | None, bool, list[str]] | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                enctype=a.get("enctype", "application/x-www-form-urlencoded"),
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "file" and name:
                form.files.append(name)
            elif kind in ("submit", "image") and name:
                form.buttons.append((name, a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in a and name:
                    form.fields.append((name, a.get("value", "on")))
                elif kind == "radio" and name:
                    form.options.setdefault(name, []).append(a.get("value", "on"))
                elif name and "required" in a:
                    form.required_boxes.append((name, a.get("value", "on")))
            elif kind not in _NOT_SENT and name:
                form.fields.append((name, a.get("value", "")))
                form.types[name] = kind
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            form.buttons.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, [], [])
        elif tag == "option" and self._select is not None:
            self._option = (a.get("value"), "selected" in a, [])
        elif tag == "textarea" and name:
            self._textarea = (name, [])
            form.types[name] = "textarea"

    def handle_data(self, data):
        if self._option is not None:
            self._option[2].append(data)
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            value = value if value is not None else "".join(text).strip()
            self._select[1].append(value)
            if selected:
                self._select[2].append(value)
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options, selected = self._select
            if self._option is not None:  # an <option> left open until </select>
                self.handle_endtag("option")
            self._form.options[name] = options
            chosen = selected or options[:1]
            self._form.fields += [(name, v) for v in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, text = self._textarea
            self._form.fields.append((name, "".join(text)))
            self._textarea = None
        elif tag == "form":
            self._form = None


def parse(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def find(html: str, action_contains: str) -> Form | None:
    """The first POST form whose action contains ``action_contains`` ("" = the form posting
    to the page's own address)."""
    for form in parse(html):
        if form.method != "post":
            continue
        if (action_contains in form.action) if action_contains else not form.action:
            return form
    return None


def encode(
    fields: list[tuple[str, str]], files: dict[str, tuple[str, bytes, str]] | None = None
) -> tuple[bytes, str]:
    """The body and its Content-Type: urlencoded, or multipart when there are ``files``
    (input name -> (file name, bytes, content type))."""
    if not files:
        return urlencode(fields).encode(), "application/x-www-form-urlencoded"
    boundary = "----motcua" + secrets.token_hex(12)
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
        )
    for name, (filename, content, kind) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
