"""The portal's own pages are well-formed: every element closed in order, ids unique, every
form control labelled, every ``aria-describedby`` pointing at an element of the page, no script
sent."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
VOID = {"meta", "link", "input", "br", "img", "hr", "source", "area", "base", "col", "wbr"}
# Elements whose end tag HTML allows to be left out; our templates close them anyway.
CONTROLS = {"input", "select", "textarea"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.ids, self.labels, self.controls, self.problems = [], [], set(), [], []
        self.described_by: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        self.described_by.extend((attrs.get("aria-describedby") or "").split())
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag == "script":
            self.problems.append("script sent")
        if tag in CONTROLS and attrs.get("type") not in ("hidden", "submit"):
            self.controls.append(attrs.get("id", f"<{tag} name={attrs.get('name')}> without id"))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()


def check(html: str) -> list[str]:
    parser = Checker()
    parser.feed(html)
    problems = list(parser.problems)
    if parser.stack:
        problems.append(f"unclosed: {parser.stack}")
    duplicates = {i for i in parser.ids if parser.ids.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate ids: {duplicates}")
    unlabelled = [c for c in parser.controls if c not in parser.labels]
    if unlabelled:
        problems.append(f"unlabelled controls: {unlabelled}")
    dangling = [target for target in parser.described_by if target not in parser.ids]
    if dangling:
        problems.append(f"aria-describedby without its element: {dangling}")
    return problems


def test_portal_pages_are_well_formed(client, as_user, people, file_online, officers, tree):
    dossier = officers.ask_supplement(officers.accept(file_online()))
    anonymous_pages = [
        reverse("portal:track"),
        reverse("portal:track") + f"?code={dossier.code}&last4=5678",
        reverse("accounts:register"),
        reverse("accounts:login"),
        reverse("accounts:password_reset"),
    ]
    for url in anonymous_pages:
        assert check(client.get(url).content.decode()) == [], url
    user = as_user(people.citizen_a)
    user.post(
        reverse("portal:apply", args=["9.000001"]),
        {"resolving_agency": tree.commune_x.pk, "receiving_unit": tree.commune_x.pk},
    )
    draft = people.citizen_a.dossiers.get(code__isnull=True)
    signed_in_pages = [
        reverse("portal:dossiers"),
        reverse("portal:dossier", args=[dossier.code]),
        reverse("portal:supplement", args=[dossier.code]),
        reverse("portal:withdraw", args=[dossier.code]),
        reverse("portal:store"),
        reverse("portal:apply", args=["9.000001"]),
        reverse("portal:draft_review", args=[draft.pk]),
        *[
            reverse("portal:draft_step", args=[draft.pk, s])
            for s in ("where", "applicant", "documents", "delivery")
        ],
    ]
    for url in signed_in_pages:
        response = user.get(url)
        assert response.status_code == 200, url
        assert check(response.content.decode()) == [], url
