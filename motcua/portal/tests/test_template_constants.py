"""The template loader remembers constant tags per language; pages stay what Django renders."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.template.base import TextNode
from django.test import RequestFactory
from django.utils import translation

from motcua import template_loader
from motcua.portal.tracking import TrackForm
from motcua.template_loader import RememberedNode

SOURCE = (
    "{% load i18n static %}"
    "[{% translate 'Đăng nhập' %}|{% translate word %}|{% translate 'Đổi' as change %}{{ change }}"
    "|{% url 'portal:track' %}|{% url 'portal:track' as track %}{{ track }}"
    "|{% static 'motcua/site.css' %}|{% if flag %}{% translate 'Có' %}{% endif %}"
    "|{% for x in items %}{% translate 'Chưa' %}{% endfor %}"
    "|{% language 'en' %}{% translate 'Đăng nhập' %}{% endlanguage %}]"
)


def _ours():
    return engines["django"]


def _plain():
    """Django's own loaders, without remembering."""
    settings = _ours().engine
    return DjangoTemplates(
        {
            "NAME": "plain",
            "DIRS": settings.dirs,
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": settings.context_processors,
                "libraries": settings.libraries,
            },
        }
    )


def _compiled(source):
    template = _ours().from_string(source)
    template_loader.remember_constants(template.template.nodelist)
    return template


def _remembered(nodelist):
    found = []
    for node in nodelist:
        if isinstance(node, RememberedNode):
            found.extend(
                part.__class__.__name__ for part in node.parts if not isinstance(part, TextNode)
            )
        for child in template_loader._nodelists(node):
            found.extend(_remembered(child))
    return found


def test_constant_tags_are_remembered_and_variables_are_not():
    template = _compiled(SOURCE)
    assert sorted(_remembered(template.template.nodelist)) == sorted(
        ["TranslateNode"] * 5 + ["URLNode"] * 2 + ["StaticNode"]
    )


@pytest.mark.parametrize("first", ["vi", "en"])
def test_each_language_gets_its_own_output(first):
    template = _compiled(SOURCE)
    plain = _plain().from_string(SOURCE)
    context = {"word": "Tra cứu hồ sơ", "flag": True, "items": [1, 2]}
    rendered = {}
    for language in (first, "en" if first == "vi" else "vi", first):
        with translation.override(language):
            rendered[language] = template.render(context)
            assert rendered[language] == plain.render(context)
    assert "Sign in" in rendered["en"] and "Đăng nhập" in rendered["vi"]


def test_escaping_is_part_of_the_key():
    source = "{% load i18n %}{% autoescape off %}{% url 'portal:track' %}{% endautoescape %}"
    template = _compiled(source + "{% url 'portal:track' %}")
    assert template.render({}) == "/track//track/"


@pytest.mark.parametrize("outer", ["vi", "en"])
def test_what_the_keys_read_is_read_again_inside_and_after_a_language_block(outer):
    # Read once per template rendered; {% language %} forgets it inside and after.
    inner = "en" if outer == "vi" else "vi"
    source = (
        "{% load i18n %}{% translate 'Đăng nhập' %}{% url 'portal:track' %}|"
        f"{{% language '{inner}' %}}{{% translate 'Đăng nhập' %}}{{% url 'portal:track' %}}"
        "{% endlanguage %}|{% translate 'Đăng nhập' %}{% url 'portal:track' %}"
    )
    template = _compiled(source)
    plain = _plain().from_string(source)
    with translation.override(outer):
        for _ in range(2):
            assert template.render({}) == plain.render({})
        assert len(set(template.render({}).split("|"))) == 2


def test_a_changed_setting_is_seen(settings):
    template = _compiled("{% load static %}{% static 'motcua/site.css' %}")
    before = template.render({})
    settings.STATIC_URL = "/elsewhere/"
    after = template.render({})
    assert before != after and after.startswith("/elsewhere/")


def _without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "name,context",
    [
        ("portal/track.html", {}),
        ("portal/track.html", {"limited": True, "wait_minutes": 3}),
        ("errors/404.html", {}),
    ],
)
def test_pages_are_what_django_renders(language, name, context):
    request = RequestFactory().get("/track/", {"code": "X"})
    request.user = AnonymousUser()
    with translation.override(language):
        for _ in range(2):
            context = {**context, "form": TrackForm(initial={"code": "X"})}
            ours = _ours().get_template(name).render(context, request)
            plain = _plain().get_template(name).render(context, request)
            assert _without_csrf(ours) == _without_csrf(plain)
