"""The template loader: Django's cached loader, whose templates remember the output of their
constant tags.

Every page spends much of its rendering on tags whose output never changes within a language:
``{% translate "…" %}`` of a literal (a lazy string made, translated and escaped each time),
``{% url 'name' %}`` with literal arguments (a reversal through the resolver) and
``{% static 'file' %}`` (a look-up in the manifest). On the public tracking page they were a
third of the template's time (#18). When a template is first compiled, this loader replaces
each run of such tags, with the text between them, by one node that renders the originals once
per language (and per whatever else their output depends on: escaping, the URL prefix and
URLconf, the current application) and then gives back what it rendered. The markup is the original tags' own, so pages are
byte for byte what they were; a tag whose arguments are variables or carry filters is left as
it is. The remembered output is forgotten when a setting changes (tests) or a translation
catalogue is recompiled while developing."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.template import Node, NodeList
from django.template.base import TextNode, Variable
from django.template.defaulttags import IfNode, URLNode
from django.template.loaders import cached
from django.templatetags.i18n import LanguageNode, TranslateNode
from django.templatetags.static import StaticNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.autoreload import file_changed
from django.utils.translation import get_language

_generation = 0


def _forget(**kwargs) -> None:
    global _generation
    _generation += 1


def _forget_translations(sender, file_path, **kwargs) -> None:
    if file_path.suffix == ".mo":
        _forget()


def generation() -> int:
    """A number that changes when remembered output must be forgotten (a setting changed, a
    translation catalogue recompiled)."""
    return _generation


setting_changed.connect(_forget, dispatch_uid="motcua.template_loader.settings")
file_changed.connect(_forget_translations, dispatch_uid="motcua.template_loader.catalogues")


def _literal(expression) -> bool:
    """A filter expression that is a bare literal: no variable, no filter. (The parser resolves
    a constant at once; the translate tag makes it a Variable again, without lookups.)"""
    if getattr(expression, "filters", True):
        return False
    var = expression.var
    return var.lookups is None if isinstance(var, Variable) else var is not None


_MISSING = object()


def _current_app(context):
    # What URLNode.render passes to reverse(); read without raising AttributeError (an exception
    # per node and request cost more than the rest of the key).
    request = getattr(context, "request", None)
    app = getattr(request, "current_app", _MISSING)
    if app is not _MISSING:
        return app
    return getattr(getattr(request, "resolver_match", None), "namespace", None)


# What a key function answers when the output must not be remembered.
UNREMEMBERED = object()


class RememberedNode(Node):
    """Renders ``parts`` (constant tags and the text between them) once for each value of
    their keys, what their output depends on."""

    child_nodelists = ()

    def __init__(self, parts: list[Node], keys: tuple, asvar: str | None = None):
        self.parts = parts
        # The URL's key holds the translation's (language and escaping): one is enough.
        if _url_key in keys:
            keys = tuple(key for key in keys if key is not _translate_key)
        self.keys = keys
        self.key = keys[0] if len(keys) == 1 else None
        self.asvar = asvar
        self.token = parts[0].token
        self.origin = parts[0].origin
        self.outputs: dict = {}
        self.generation = _generation

    def _render_parts(self, context) -> str:
        return "".join([part.render_annotated(context) for part in self.parts])

    def render(self, context):
        if self.generation != _generation:
            self.outputs, self.generation = {}, _generation
        if self.key is not None:
            key = self.key(context)
            if key is UNREMEMBERED:
                return self._render_parts(context)
        else:
            key = tuple([key(context) for key in self.keys])
            if UNREMEMBERED in key:
                return self._render_parts(context)
        try:
            output = self.outputs[key]
        except KeyError:
            output = self._render_parts(context)
            if self.asvar:
                output = context[self.asvar]
            self.outputs[key] = output
        if self.asvar:
            context[self.asvar] = output
            return ""
        return output


# Where a template's render keeps what its remembered nodes' keys read besides escaping.
_STATE = object()


def _state(context) -> tuple:
    """The language, current application, URL prefix and URLconf: read once per template
    rendered (each is a context-local look-up, and a page has some twenty remembered runs),
    kept in the render context's top level (an included template gets its own). They do not
    change while a template renders, except inside ``{% language %}``, which forgets them
    (``_LanguageNode``). Escaping can change (``{% autoescape %}``): it is read every time."""
    top = context.render_context.dicts[-1]
    try:
        return top[_STATE]
    except KeyError:
        state = top[_STATE] = (
            get_language(),
            _current_app(context),
            get_script_prefix(),
            get_urlconf(),
        )
        return state


class _LanguageNode(LanguageNode):
    """``{% language %}``: what the remembered nodes inside read is read again inside and
    after it."""

    def render(self, context):
        top = context.render_context.dicts[-1]
        outside = top.pop(_STATE, None)
        try:
            return super().render(context)
        finally:
            top.pop(_STATE, None)
            if outside is not None:
                top[_STATE] = outside


def _translate_key(context):
    return _state(context)[0], context.autoescape


def _url_key(context):
    return _state(context), context.autoescape


def _static_key(context):
    from django.contrib.staticfiles.storage import staticfiles_storage

    # A store whose addresses expire (signed S3 URLs) is asked every time.
    if not isinstance(staticfiles_storage, FileSystemStorage):
        return UNREMEMBERED
    return context.autoescape


def key_of(node: Node):
    """The key function of a constant tag (what its output depends on), or None."""
    if isinstance(node, TranslateNode):
        if node.message_context is None and _literal(node.filter_expression):
            return _translate_key
    elif isinstance(node, URLNode):
        if _literal(node.view_name) and all(
            _literal(arg) for arg in (*node.args, *node.kwargs.values())
        ):
            return _url_key
    elif isinstance(node, StaticNode) and _literal(node.path):
        return _static_key
    return None


def _nodelists(node: Node):
    if isinstance(node, IfNode):
        return [nodelist for _condition, nodelist in node.conditions_nodelists]
    return [
        nodelist
        for name in node.child_nodelists
        if isinstance(nodelist := getattr(node, name, None), NodeList)
    ]


def remember_constants(nodelist: NodeList) -> None:
    """Replace, in place and at any depth, each run of constant tags and the text between
    them by one node (a tag that sets a variable, ``as name``, stays a node of its own)."""
    replaced, run, keys = [], [], {}

    def close_run():
        if keys:
            replaced.append(RememberedNode(list(run), tuple(keys)))
        else:
            replaced.extend(run)
        run.clear()
        keys.clear()

    for node in nodelist:
        key = key_of(node)
        asvar = getattr(node, "asvar", None) or getattr(node, "varname", None)
        if key is not None and asvar:
            close_run()
            replaced.append(RememberedNode([node], (key,), asvar))
        elif key is not None or isinstance(node, TextNode):
            run.append(node)
            if key is not None:
                keys[key] = True
        else:
            close_run()
            if type(node) is LanguageNode:
                node.__class__ = _LanguageNode
            replaced.append(node)
            for child in _nodelists(node):
                remember_constants(child)
    close_run()
    nodelist[:] = replaced


class Loader(cached.Loader):
    def get_template(self, template_name, skip=None):
        template = super().get_template(template_name, skip)
        if not getattr(template, "constants_remembered", False):
            remember_constants(template.nodelist)
            template.constants_remembered = True
        return template
