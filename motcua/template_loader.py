"""The template loader: Django's cached loader, whose templates remember the output of their
constant tags.

Every page spends much of its rendering on tags whose output never changes within a language:
``{% translate "…" %}`` of a literal (a lazy string made, translated and escaped each time),
``{% url 'name' %}`` with literal arguments (a reversal through the resolver) and
``{% static 'file' %}`` (a look-up in the manifest). On the public tracking page they were a
third of the template's time (#18). When a template is first compiled, this loader replaces
each such tag by a node that renders the original once per language (and per whatever else the
original's output depends on: escaping, the URL prefix and URLconf, the current application)
and then gives back what it rendered. The markup is the original tags' own, so pages are
byte for byte what they were; a tag whose arguments are variables or carry filters is left as
it is. The remembered output is forgotten when a setting changes (tests) or a translation
catalogue is recompiled while developing."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.template import Node, NodeList
from django.template.base import Variable
from django.template.defaulttags import IfNode, URLNode
from django.template.loaders import cached
from django.templatetags.i18n import TranslateNode
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


setting_changed.connect(_forget, dispatch_uid="motcua.template_loader.settings")
file_changed.connect(_forget_translations, dispatch_uid="motcua.template_loader.catalogues")


def _literal(expression) -> bool:
    """A filter expression that is a bare literal: no variable, no filter. (The parser resolves
    a constant at once; the translate tag makes it a Variable again, without lookups.)"""
    if getattr(expression, "filters", True):
        return False
    var = expression.var
    return var.lookups is None if isinstance(var, Variable) else var is not None


def _current_app(context):
    # What URLNode.render passes to reverse().
    request = getattr(context, "request", None)
    try:
        return request.current_app
    except AttributeError:
        try:
            return request.resolver_match.namespace
        except AttributeError:
            return None


class RememberedNode(Node):
    """Renders ``original`` once for each value of ``key(context)``, what its output depends
    on (None: rendered every time)."""

    child_nodelists = ()

    def __init__(self, original: Node, key):
        self.original = original
        self.key = key
        self.token = original.token
        self.origin = original.origin
        self.asvar = getattr(original, "asvar", None) or getattr(original, "varname", None)
        self.outputs: dict = {}
        self.generation = _generation

    def render(self, context):
        if self.generation != _generation:
            self.outputs, self.generation = {}, _generation
        key = self.key(context)
        if key is None:
            return self.original.render(context)
        try:
            output = self.outputs[key]
        except KeyError:
            if self.asvar:
                self.original.render(context)
                output = context[self.asvar]
            else:
                output = self.original.render(context)
            self.outputs[key] = output
        if self.asvar:
            context[self.asvar] = output
            return ""
        return output


def _translate_key(context):
    return get_language(), context.autoescape


def _url_key(context):
    return (
        get_language(),
        context.autoescape,
        _current_app(context),
        get_script_prefix(),
        get_urlconf(),
    )


def _static_key(context):
    from django.contrib.staticfiles.storage import staticfiles_storage

    # A store whose addresses expire (signed S3 URLs) is asked every time.
    if not isinstance(staticfiles_storage, FileSystemStorage):
        return None
    return context.autoescape


def remembered(node: Node) -> Node | None:
    """The node to put in place of ``node``, or None to keep it."""
    if isinstance(node, TranslateNode):
        if node.message_context is None and _literal(node.filter_expression):
            return RememberedNode(node, _translate_key)
    elif isinstance(node, URLNode):
        if _literal(node.view_name) and all(
            _literal(arg) for arg in (*node.args, *node.kwargs.values())
        ):
            return RememberedNode(node, _url_key)
    elif isinstance(node, StaticNode) and _literal(node.path):
        return RememberedNode(node, _static_key)
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
    """Replace, in place and at any depth, the constant tags of ``nodelist``."""
    for index, node in enumerate(nodelist):
        replacement = remembered(node)
        if replacement is not None:
            nodelist[index] = replacement
            continue
        for child in _nodelists(node):
            remember_constants(child)


class Loader(cached.Loader):
    def get_template(self, template_name, skip=None):
        template = super().get_template(template_name, skip)
        if not getattr(template, "constants_remembered", False):
            remember_constants(template.nodelist)
            template.constants_remembered = True
        return template
