"""The client of the demo register: HTTP Basic, one JSON request, the answer checked against
``protocol.ANSWER_SCHEMA`` before anything of it is used."""

from __future__ import annotations

import datetime
import functools
import time

from ...base import BasePlugin, NotFound, Person, Query, Refused, Unavailable
from ...registry import register
from . import conf, protocol


# requests and jsonschema are imported at the first look-up, not when the app registers this
# plugin at every process's start (#18).
@functools.cache
def _answer_validator():
    import jsonschema

    return jsonschema.Draft202012Validator(protocol.ANSWER_SCHEMA)


# The register's field names and ours, in the order they are shown.
FIELDS = {
    "HoVaTen": "full_name",
    "NgaySinh": "birth_date",
    "GioiTinh": "sex",
    "NoiThuongTru": "permanent_residence",
    "QueQuan": "place_of_origin",
    "DanToc": "ethnicity",
}


@register
class DemoRegister(BasePlugin):
    identifier = "demo"
    verbose_name = "CSDL quốc gia về dân cư (mô phỏng)"

    def lookup(self, query: Query) -> Person:
        import requests

        from motcua.integrations.http import session_for

        body = {
            "MaYeuCau": query.request_id,
            "SoDinhDanh": query.id_number,
            "LyDo": query.reason,
            "DongY": {"CoDongY": True, "HinhThuc": query.consent_method},
            "NguoiTraCuu": query.requested_by[:150],
        }
        url = conf.base_url() + protocol.LOOKUP_PATH
        wait = conf.timeout()
        started = time.monotonic()
        try:
            response = session_for(conf.base_url()).post(
                url,
                json=body,
                auth=(conf.client_id(), conf.client_secret()),
                timeout=wait,
                headers={"Accept": "application/json"},
            )
        except requests.Timeout as error:
            raise Unavailable(f"timeout after {wait}s: {error}") from error
        except requests.RequestException as error:
            raise Unavailable(f"connection: {error}") from error
        # The in-process transport (demo twin on this site) cannot interrupt a slow answer:
        # one that came later than we wait for counts as not come, as over the network.
        if time.monotonic() - started > wait:
            raise Unavailable(f"timeout: answered after more than {wait}s")
        return _read(response, query)


def _read(response, query: Query) -> Person:
    status = response.status_code
    if status in (401, 403, 400):
        raise Refused(f"HTTP {status}: {response.text[:300]}")
    if status >= 500:
        raise Unavailable(f"HTTP {status}")
    try:
        answer = response.json()
    except ValueError as error:
        raise Unavailable(f"HTTP {status}, not JSON: {response.text[:100]!r}") from error
    problems = [e.message for e in _answer_validator().iter_errors(answer)]
    if problems or answer.get("MaYeuCau") != query.request_id:
        raise Unavailable(f"HTTP {status}, unexpected answer: {problems or 'MaYeuCau differs'}")
    if status == 404 and answer["KetQua"] == protocol.NOT_FOUND:
        raise NotFound(query.id_number)
    if status != 200 or answer["KetQua"] != protocol.FOUND:
        raise Unavailable(f"HTTP {status}, KetQua {answer['KetQua']}")
    citizen = answer["CongDan"]
    if citizen["SoDinhDanh"] != query.id_number:
        raise Unavailable("the answer is about another person")
    try:
        born = datetime.date.fromisoformat(citizen["NgaySinh"])
    except ValueError as error:
        raise Unavailable(f"NgaySinh {citizen['NgaySinh']!r}") from error
    return Person(
        id_number=citizen["SoDinhDanh"],
        full_name=citizen["HoVaTen"].strip(),
        birth_date=born,
        sex=protocol.SEX_CODES.get(citizen.get("GioiTinh", ""), ""),
        permanent_residence=citizen.get("NoiThuongTru", "").strip(),
        place_of_origin=citizen.get("QueQuan", "").strip(),
        ethnicity=citizen.get("DanToc", "").strip(),
        fields=tuple(name for name in FIELDS if citizen.get(name)),
    )
