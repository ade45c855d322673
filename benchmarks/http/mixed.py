"""P4, a mixed day of a province (#19 item 3): citizens filing and tracking, the desk receiving,
specialists and leaders processing, managers reading reports, in the proportions of a working
day (benchmarks/http/README.md says where they come from), as real visits through the load
balancer: each visit is one user with their own session on a connection from their own address,
pages read and forms posted as a browser does (the CSRF token from the form, the ``version`` an
edit form carries, uploads as multipart), every write a real POST.

``JOURNEYS`` is the day: each journey is one visit (a sequence of requests of named kinds) with
how many such visits a day brings. A driver thread picks visits at random in proportion to that
number, so requests come in the day's proportions whatever a visit's length.
"""

from __future__ import annotations

import html
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import htmlforms
from browser import Browser, Tally

# --- the day (domain.md §15; README "Proportions") ---
DOSSIERS_PER_DAY = 3_500  # the top of a province's 2,000–3,500 a working day
ONLINE_SHARE = 0.55  # online share of dossiers, 54.8 % nationally (April 2023)
# Officer actions a dossier goes through: (accept, online only), assign, complete the step,
# approve, record the result, return it.
ACTIONS_ONLINE, ACTIONS_DESK = 6, 5
# Visits that only look (the queue searched or filtered, a dossier opened), per action.
BROWSES_PER_ACTION = 1.0
TRACKS_PER_DOSSIER = 2.0  # a receipt's code looked up by its applicant (or a relative)
MY_DOSSIER_VISITS_PER_ONLINE = 3.0  # an online applicant checking "my dossiers"
CATALOGUE_VISITS_PER_ONLINE = 2.0  # reading a procedure's page before (or instead of) filing
REPORT_VISITS = 600  # managers of the province, its departments and communes: report pages


def visits_per_day() -> dict[str, float]:
    online = DOSSIERS_PER_DAY * ONLINE_SHARE
    desk = DOSSIERS_PER_DAY - online
    actions = online * ACTIONS_ONLINE + desk * ACTIONS_DESK
    return {
        "file-online": online,
        "desk-intake": desk,
        "officer-action": actions,
        "officer-browse": actions * BROWSES_PER_ACTION,
        "track": DOSSIERS_PER_DAY * TRACKS_PER_DOSSIER,
        "my-dossiers": online * MY_DOSSIER_VISITS_PER_ONLINE,
        "catalogue": online * CATALOGUE_VISITS_PER_ONLINE,
        "manager-reports": REPORT_VISITS,
    }


# Requests a visit makes (what proportions() multiplies by; the journeys below make these).
REQUESTS_PER_VISIT = {
    "file-online": 11,  # procedure page, start, 4 steps (page + post), review post, my dossier
    "desk-intake": 4,  # procedure search, the form, the post (scans), the new dossier's page
    "officer-action": 4,  # queue, dossier page, the action's post, the page it returns to
    "officer-browse": 2,  # a queue page (filtered, searched or deeper), a dossier page
    "track": 1,
    "my-dossiers": 2,  # the list, one dossier
    "catalogue": 2,  # the catalogue, one procedure
    "manager-reports": 3,  # the reports' index, one 766 indicator, the periodic report
}
WRITES_PER_VISIT = {"file-online": 5, "desk-intake": 1, "officer-action": 1}


def proportions(visits: dict[str, float], sizes: dict[str, int]) -> dict[str, float]:
    """Each visit's share of the day's requests (visits × requests per visit, normalised)."""
    total = sum(visits[name] * sizes[name] for name in visits)
    return {name: visits[name] * sizes[name] / total for name in visits}


def write_share(visits: dict[str, float], sizes: dict[str, int], writes: dict[str, int]) -> float:
    total = sum(visits[name] * sizes[name] for name in visits)
    return sum(visits[name] * writes.get(name, 0) for name in visits) / total


# --- the visits ---

CODE_LINK = re.compile(r'href="/backoffice/dossiers/([^/"]+)/"')
MY_LINK = re.compile(r'href="/my/dossiers/([^/"]+)/"')
INDICATOR_LINK = re.compile(r'href="(/reports/chi-so/[^"]+)"')
# What an officer does when the dossier page offers it, first found first done. Refusals,
# supplements, transfers and stops are a small share of a day and need a written reason.
# The furthest along first, so that a dossier moves on rather than being reassigned.
PREFERRED = ("return_result", "record_result", "approve", "complete_step", "accept", "assign")
# What the dossier page says when the action is refused for a reason counted apart from the
# errors (services/_core.py): another officer acted first — the dossier changed since it was
# opened, or its new state no longer allows the action; or the dossier is one of volume.py's,
# which have no internal-process steps ("Not generated" in its docstring), so handing it over
# leads to no valid state.
APART = {
    "đã được thay đổi từ khi bạn mở": "conflict",
    "khi hồ sơ đang ở trạng thái": "conflict",
    "Thao tác không dẫn tới trạng thái hợp lệ": "volume.py dossier without steps",
}
# Text a form may require, by field name.
TEXTS = {
    "note": "Đã xem xét, đủ điều kiện.",
    "reason": "Đủ điều kiện.",
    "summary": "Kết quả giải quyết",
    "request": "Đề nghị giải quyết",
    "applicant_name": "Nguyễn Văn Thử",
    "phone": "0912000999",
    "id_number": "068080009999",
    "number": "01/2026",
    "result_number": "01/2026",
    "signer": "Nguyễn Văn Ký",
}
DATE_NAME = re.compile(r"(^|_)(ngay|date)(_|$)")
# The section for someone filing on the applicant's behalf (the intake form's representative
# and their authorisation): optional, and left empty as for an applicant who comes in person —
# filled with plausible words it would be an authorisation with no valid dates, refused.
ON_BEHALF = re.compile(r"^(representative|authorisation)_")
# A value for any other empty field, by its input type (an e-mail stays empty: optional).
BY_TYPE = {
    "date": "2020-01-02",
    "number": "1",
    "tel": "0912000999",
    "text": "Nguyễn Văn An",
    "textarea": "Đề nghị giải quyết",
}


@dataclass
class Visit:
    name: str
    actor: str  # the samples' key of the sessions ("" = anonymous)
    run: Callable[[Browser, dict, random.Random], None]


def _fill(form: htmlforms.Form, pdf: bytes, extra: dict | None = None):
    """A browser user's filling: texts required by name, a select left on its empty choice
    set to its first real option, every required checkbox ticked, every file input given a
    scanned PDF."""
    values = {}
    for name, value in form.fields:
        base = name.rsplit("-", 1)[-1]
        if ON_BEHALF.match(base):
            continue
        kind = form.types.get(name, "")
        known = next((k for k in TEXTS if base == k or base.endswith("_" + k)), None)
        if not value and known:
            values[name] = TEXTS[known]
        elif not value and kind in ("text", "date") and DATE_NAME.search(base):
            values[name] = "02/01/2020"  # the site's date fields read dd/mm/yyyy
        elif not value and kind in BY_TYPE:
            values[name] = BY_TYPE[kind]
        if not value and name in form.options:
            real = [v for v in form.options[name] if v]
            if real:
                values[name] = real[0]
    # A required box (a confirmation) is ticked: the browser submits nothing until it is.
    for name, value in form.required_boxes:
        values.setdefault(name, value)
    values |= extra or {}
    files = {
        name: (f"{name}.pdf", pdf, "application/pdf")
        for name in form.files
        if not ON_BEHALF.match(name)
    }
    if files and "multipart" not in form.enctype:
        files = {}
    return htmlforms.encode(form.filled(values), files)


def _post_form(b: Browser, kind: str, page, action: str, s: dict, extra=None, apart=None):
    """Post the page's form whose action contains ``action`` ("" = the page's own)."""
    form = htmlforms.find(page.text, action)
    if form is None:
        b.tally.errors[(kind, f"no form {action or 'on the page'}")] += 1
        return None
    body, content_type = _fill(form, s["pdf"], extra)
    return b.send(
        kind,
        form.action or page.path,
        method="POST",
        body=body,
        content_type=content_type,
        expect=(302,),
        apart=apart,
    )


def _get(b: Browser, kind: str, path: str):
    return b.send(kind, path, expect=(200,))


def file_online(b: Browser, s: dict, rng: random.Random) -> None:
    procedure = rng.choice(s["online_procedures"])
    if _get(b, "catalogue", f"/procedures/{procedure}/") is None:
        return
    page = _get(b, "apply-page", f"/apply/{procedure}/")
    for _step in range(5):  # start, applicant, documents, delivery, review (submit)
        if page is None:
            return
        answer = _post_form(b, "apply-post", page, "", s)
        if answer is None or not answer.location:
            return
        if answer.location.startswith("/my/dossiers/"):
            _get(b, "my-dossier", answer.location)
            return
        page = _get(b, "apply-page", answer.location)
    b.tally.errors[("apply-post", "flow longer than 5 posts")] += 1


def desk_intake(b: Browser, s: dict, rng: random.Random) -> None:
    version = rng.choice(s["intake_versions"])
    if _get(b, "intake-page", "/backoffice/intake/?q=chung+thuc") is None:
        return
    page = _get(b, "intake-page", f"/backoffice/intake/{version}/")
    if page is None:
        return
    key = f"bench-{rng.getrandbits(64):x}"
    answer = _post_form(
        b, "intake-post", page, "", s, {"idempotency_key": key, "decision": "receive"}
    )
    if answer is not None and answer.location:
        _get(b, "dossier-page", answer.location)


def _queue_codes(b: Browser, path: str) -> list[str]:
    page = _get(b, "queue", path)
    return CODE_LINK.findall(page.text) if page is not None else []


# How often an officer opens one of the day's dossiers by its code (from the receipt, the
# notification, the colleague who handed it over: the queue's search by code prefix) rather
# than the first page of the queue. The day's dossiers are those that move on through every
# step; most of a queue on the benchmark database is volume.py's, which have no steps.
BY_CODE_SHARE = 0.5


def officer_action(b: Browser, s: dict, rng: random.Random) -> None:
    prefix = s.get("day_prefix", {}).get(b.session, "")
    codes = []
    if prefix and rng.random() < BY_CODE_SHARE:
        codes = _queue_codes(b, "/backoffice/queue/?" + urlencode({"q": prefix}))
    codes = codes or _queue_codes(b, "/backoffice/queue/")
    if not codes:
        return
    code = rng.choice(codes)
    page = _get(b, "dossier-page", f"/backoffice/dossiers/{code}/")
    if page is None:
        return
    offered = {
        m.split("/actions/")[1].strip("/"): m
        for m in re.findall(
            rf'action="(/backoffice/dossiers/{re.escape(code)}/actions/[^"]+)"', page.text
        )
    }
    chosen = next((a for a in PREFERRED if a in offered), None)
    if chosen is None:  # nothing to do on this one: the visit only read
        b.tally.idle += 1
        return
    answer = _post_form(b, "action-post", page, f"/actions/{chosen}/", s, apart=APART)
    if answer is not None and answer.location:
        _get(b, "dossier-page", answer.location)


def officer_browse(b: Browser, s: dict, rng: random.Random) -> None:
    query = rng.choice(
        ["", f"?{urlencode({'q': s['search_name']})}", "?due=overdue"]
        + ([f"?{urlencode({'after': s['deep_cursor']})}"] if s["deep_cursor"] else [])
    )
    codes = _queue_codes(b, "/backoffice/queue/" + query) or _queue_codes(b, "/backoffice/queue/")
    if codes:
        _get(b, "dossier-page", f"/backoffice/dossiers/{rng.choice(codes)}/")


def track(b: Browser, s: dict, rng: random.Random) -> None:
    code, last4 = rng.choice(s["tracked"])
    _get(b, "track", "/track/?" + urlencode({"code": code, "last4": last4}))


def my_dossiers(b: Browser, s: dict, rng: random.Random) -> None:
    page = _get(b, "my-dossiers", "/my/dossiers/")
    codes = MY_LINK.findall(page.text) if page is not None else []
    if codes:
        _get(b, "my-dossier", f"/my/dossiers/{rng.choice(codes)}/")


def catalogue(b: Browser, s: dict, rng: random.Random) -> None:
    if _get(b, "catalogue", "/procedures/") is not None:
        _get(b, "catalogue", f"/procedures/{rng.choice(s['online_procedures'])}/")


def manager_reports(b: Browser, s: dict, rng: random.Random) -> None:
    page = _get(b, "report", "/reports/")
    links = INDICATOR_LINK.findall(page.text) if page is not None else []
    if links:
        _get(b, "index-766", html.unescape(rng.choice(links)))
    _get(b, "report", "/reports/tinh-hinh-giai-quyet/")


VISITS = {
    "file-online": Visit("file-online", "citizens", file_online),
    "desk-intake": Visit("desk-intake", "desk", desk_intake),
    "officer-action": Visit("officer-action", "officers", officer_action),
    "officer-browse": Visit("officer-browse", "officers", officer_browse),
    "track": Visit("track", "", track),
    "my-dossiers": Visit("my-dossiers", "citizens", my_dossiers),
    "catalogue": Visit("catalogue", "", catalogue),
    "manager-reports": Visit("manager-reports", "managers", manager_reports),
}


# --- the driver ---


class Pacer:
    """Requests started at ``rate`` a second in all, whatever the threads (0 = as fast as the
    server answers: a closed loop)."""

    def __init__(self, rate: float):
        self.gap = 1 / rate if rate else 0.0
        self.next = time.perf_counter()
        self.lock = threading.Lock()

    def wait(self) -> None:
        if not self.gap:
            return
        with self.lock:
            slot = max(self.next, time.perf_counter())
            self.next = slot + self.gap
        pause = slot - time.perf_counter()
        if pause > 0:
            time.sleep(pause)


class _PacedBrowser(Browser):
    def __init__(self, *args, pacer: Pacer, **kwargs):
        super().__init__(*args, **kwargs)
        self.pacer = pacer

    def send(self, *args, **kwargs):
        self.pacer.wait()
        return super().send(*args, **kwargs)


def drive(
    base_url: str,
    samples: dict,
    *,
    connections: int,
    duration: float,
    rate: float = 0,
    seed: int = 1,
) -> tuple[Tally, float]:
    """``connections`` threads making visits for ``duration`` seconds; the merged tally and
    the seconds it took."""
    visits = visits_per_day()
    names = list(visits)
    weights = [visits[n] for n in names]
    pacer = Pacer(rate)
    tallies: list[Tally] = []
    stop_at = time.perf_counter() + duration

    def worker(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        tally = Tally()
        tallies.append(tally)
        n = 0
        while time.perf_counter() < stop_at:
            visit = VISITS[rng.choices(names, weights)[0]]
            # Each visit its own address on the loopback network (127.0.x.y), as users are.
            source = f"127.0.{1 + index % 250}.{1 + n % 250}"
            b = _PacedBrowser(base_url, tally, source=source, pacer=pacer)
            if visit.actor:
                b.sign_in(rng.choice(samples["sessions"][visit.actor]))
            try:
                visit.run(b, samples, rng)
            finally:
                b.close()
            n += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + 60)
    seconds = time.perf_counter() - started
    total = Tally()
    for tally in tallies:
        total.merge(tally)
    return total, seconds
