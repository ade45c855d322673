"""The pure helpers of the load through the stack (``make bench-stack``): form filling, the
day's proportions, percentiles merged from samples, /proc parsing. Not part of ``make test``
(its test paths are motcua/): ``.venv/bin/python -m pytest benchmarks/http -q``."""

from __future__ import annotations

import urllib.parse

import htmlforms
import mixed
import stackprocs
from browser import Tally
from loadgen import percentiles

PAGE = """
<form method="post" action="/accounts/logout/"><input type="hidden" name="csrfmiddlewaretoken"
 value="t0"><button type="submit">Đăng xuất</button></form>
<form method="post" enctype="multipart/form-data" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="t1">
  <input type="hidden" name="version" value="3">
  <input type="text" name="phone" value="0900000030">
  <input type="text" name="ngay_sinh">
  <input type="text" name="postal_phone">
  <input type="email" name="email">
  <input type="text" name="frozen" value="x" disabled>
  <select name="delivery"><option value="online">Trực tuyến</option>
    <option value="desk" selected>Tại quầy</option></select>
  <select name="assignee"><option value="">---------</option><option value="7">An</option></select>
  <input type="checkbox" name="kept" value="5" checked><input type="checkbox" name="kept" value="6">
  <textarea name="note"></textarea>
  <input type="file" name="upload_13">
  <button type="submit" name="go" value="1">Tiếp</button>
</form>
"""


def test_the_form_posting_to_its_own_page_is_found_not_the_logout_form():
    form = htmlforms.find(PAGE, "")
    assert form.value("csrfmiddlewaretoken") == "t1"
    assert htmlforms.find(PAGE, "/logout/").value("csrfmiddlewaretoken") == "t0"
    assert htmlforms.find(PAGE, "/actions/approve/") is None


def test_fields_are_read_as_a_browser_sends_them():
    form = htmlforms.find(PAGE, "")
    fields = dict(form.fields)
    assert fields["version"] == "3" and fields["delivery"] == "desk" and fields["assignee"] == ""
    assert [v for n, v in form.fields if n == "kept"] == ["5"]
    assert "frozen" not in fields and form.files == ["upload_13"]
    assert form.options["assignee"] == ["", "7"] and form.types["ngay_sinh"] == "text"
    assert form.types["note"] == "textarea" and form.buttons == [("go", "1")]


def test_filling_gives_required_values_and_keeps_what_the_page_set():
    form = htmlforms.find(PAGE, "")
    body, content_type = mixed._fill(form, b"%PDF-1.4 x", {"version": "4"})
    text = body.decode()
    assert content_type.startswith("multipart/form-data; boundary=")
    assert 'name="version"\r\n\r\n4\r\n' in text and 'name="phone"\r\n\r\n0900000030' in text
    assert 'name="ngay_sinh"\r\n\r\n02/01/2020' in text  # dates read dd/mm/yyyy
    assert 'name="postal_phone"\r\n\r\n0912000999' in text
    assert 'name="assignee"\r\n\r\n7' in text  # the empty choice replaced by a real one
    assert 'name="email"\r\n\r\n\r\n' in text  # optional, left empty
    assert 'filename="upload_13.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x' in text


def test_a_required_confirmation_box_is_ticked_as_a_user_must_before_submitting():
    # The dossier page's "return the result" form at the desk: the officer confirms the
    # originals were given back (a required checkbox); a browser submits nothing until it is
    # ticked, and the site answers 400 if it is left out.
    page = """<form method="post" action="/backoffice/dossiers/X/actions/return_result/">
      <input type="hidden" name="version" value="9">
      <input type="text" name="recipient_name" required>
      <input type="checkbox" name="originals_returned" required id="r-originals_returned">
      <input type="checkbox" name="optional_box" value="y">
      <button type="submit">Trả kết quả</button></form>"""
    form = htmlforms.find(page, "/actions/return_result/")
    assert form.required_boxes == [("originals_returned", "on")]
    assert "originals_returned" not in dict(form.fields)
    fields = dict(urllib.parse.parse_qsl(mixed._fill(form, b"")[0].decode()))
    assert fields["originals_returned"] == "on" and "optional_box" not in fields
    assert fields["version"] == "9" and fields["recipient_name"]


def test_the_section_for_someone_filing_on_the_applicants_behalf_is_left_empty():
    # The desk's intake form: an applicant who comes in person has no representative and no
    # authorisation; words in its date fields were refused ("Nhập một ngày hợp lệ.").
    page = """<form method="post" enctype="multipart/form-data">
      <input type="text" name="applicant_name">
      <input type="text" name="representative_name">
      <input type="text" name="authorisation_signed_on">
      <input type="text" name="authorisation_valid_until">
      <input type="file" name="authorisation_file"><input type="file" name="scan_4">
      </form>"""
    text = mixed._fill(htmlforms.find(page, ""), b"%PDF-1.4 x")[0].decode()
    assert 'name="applicant_name"\r\n\r\nNguy' in text
    for name in ("representative_name", "authorisation_signed_on", "authorisation_valid_until"):
        assert f'name="{name}"\r\n\r\n\r\n' in text
    assert 'filename="scan_4.pdf"' in text and "authorisation_file" not in text


def test_a_form_without_files_is_urlencoded():
    form = htmlforms.parse('<form method="post"><input name="a" value="x y"></form>')[0]
    assert htmlforms.encode(form.filled({"b": "đ"})) == (
        b"a=x+y&b=%C4%91",
        "application/x-www-form-urlencoded",
    )


def test_the_day_follows_its_stated_numbers():
    visits = mixed.visits_per_day()
    assert visits["file-online"] + visits["desk-intake"] == mixed.DOSSIERS_PER_DAY
    assert visits["file-online"] == mixed.DOSSIERS_PER_DAY * mixed.ONLINE_SHARE
    assert visits["officer-action"] == 1925 * 6 + 1575 * 5
    shares = mixed.proportions(visits, mixed.REQUESTS_PER_VISIT)
    assert abs(sum(shares.values()) - 1) < 1e-9
    # The officers' pages are most of the requests; reads are most of the day.
    assert shares["officer-action"] + shares["officer-browse"] > 0.6
    writes = mixed.write_share(visits, mixed.REQUESTS_PER_VISIT, mixed.WRITES_PER_VISIT)
    assert 0.1 < writes < 0.25


def test_proportions_weigh_visits_by_their_length():
    assert mixed.proportions({"a": 1, "b": 1}, {"a": 3, "b": 1}) == {"a": 0.75, "b": 0.25}


def test_percentiles():
    values = [float(v) for v in range(1, 101)]
    p50, p95, p99 = percentiles(values)
    assert (round(p50, 2), round(p95, 2), round(p99, 2)) == (50.5, 95.05, 99.01)
    assert percentiles([]) == (0.0, 0.0, 0.0) and percentiles([7.0]) == (7.0, 7.0, 7.0)


def test_merged_tallies_take_percentiles_over_all_samples_not_an_average():
    fast, slow = Tally(), Tally()
    for _ in range(90):
        fast.add("track", 10.0)
    for _ in range(10):
        slow.add("queue", 1000.0)
    slow.errors[("queue", "500")] += 2
    total = Tally().merge(fast).merge(slow)
    assert total.requests() == 100 and total.error_count() == 2
    assert total.error_count("track") == 0
    assert total.summary()[1] == 1000.0  # p95 over the 100 samples: a slow one
    assert total.summary("track") == (10.0, 10.0, 10.0)


def test_rollup_and_stat_are_parsed():
    rollup = "55d0-7ff [rollup]\nRss:  1776 kB\nPss:  179 kB\nPss_Anon:  108 kB\n"
    assert stackprocs.parse_rollup(rollup) == (1776, 179)
    # A command with spaces and a parenthesis: fields are counted after the last ")".
    stat = "42 (postgres: main (x)) S 7 42 42 0 -1 4194560 1 0 0 0 300 100 40 60 20 0 1 0"
    parent, own, waited = stackprocs.parse_stat(stat)
    tick = stackprocs.TICK
    assert (parent, own, waited) == (7, 400 / tick, 100 / tick)


def test_series_peak_and_mean():
    series = stackprocs.Series(pss=[{"web": 100, "postgres": 50}, {"web": 300, "postgres": 50}])
    assert series.totals() == [150, 350]
    assert series.peak_mean() == (350, 250)
    assert series.peak_mean(group="web") == (300, 200)


def test_the_alert_of_an_error_page_is_kept_as_text():
    from browser import alert_text

    page = '<title>Hồ sơ</title><div class="error-summary" role="alert"><p>Ghi chú: <b>bắt</b> buộc</p></div>'
    assert alert_text(page) == "Ghi chú: bắt buộc"
    assert alert_text("<html><title> 500 </title></html>") == "500"


def test_the_pacer_starts_requests_at_the_rate_whatever_the_threads():
    import threading
    import time

    pacer = mixed.Pacer(rate=50)  # one every 20 ms
    started = []

    def go():
        for _ in range(5):
            pacer.wait()
            started.append(time.perf_counter())

    threads = [threading.Thread(target=go) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # The 15 starts span 14 gaps of 20 ms at least (a slot is never handed out twice; a late
    # wake-up can only make it longer).
    assert len(started) == 15
    assert max(started) - min(started) >= 14 * 0.019
    closed = mixed.Pacer(rate=0)
    before = time.perf_counter()
    closed.wait()
    assert time.perf_counter() - before < 0.01  # a closed loop does not wait


def test_the_browser_keeps_cookies_and_judges_each_answer():
    import http.server
    import threading

    from browser import Browser

    class Site(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            answers = {
                "/form/": (200, {"Set-Cookie": "csrftoken=abc; Path=/"}, "<form></form>"),
                "/private/": (302, {"Location": "/accounts/login/"}, ""),
                "/broken/": (500, {}, "<title>Lỗi máy chủ</title>"),
            }
            status, headers, body = answers[self.path]
            self._answer(status, headers, body)

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            seen = self.headers.get("Cookie", "")
            if self.path == "/act/" and "csrftoken=abc" in seen and self.headers["Origin"]:
                self._answer(302, {"Location": "/done/"}, "")
            else:
                page = '<div role="alert"><p>Hồ sơ đã được thay đổi từ khi bạn mở.</p></div>'
                self._answer(400, {}, page)

        def _answer(self, status, headers, body):
            data = body.encode()
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        tally = Tally()
        b = Browser(f"http://127.0.0.1:{server.server_port}", tally).sign_in("sessionid=s1")
        assert b.send("page", "/form/").path == "/form/"
        assert b.cookies == {"sessionid": "s1", "csrftoken": "abc"}
        done = b.send("post", "/act/", method="POST", body=b"a=1", expect=(302,))
        assert done.location == "/done/" and tally.writes["post"] == 1
        assert b.send("page", "/private/") is None  # a lost session is an error
        assert b.send("page", "/broken/") is None
        marks = {"đã được thay đổi": "conflict"}
        assert b.send("post", "/other/", method="POST", body=b"", apart=marks) is None
        assert tally.apart == {("post", "conflict"): 1}
        assert dict(tally.errors) == {
            ("page", "302 → /accounts/login/"): 1,
            ("page", "500"): 1,
        }
        assert tally.said[("page", "500")] == "Lỗi máy chủ"
        assert tally.requests() == 5 and tally.requests("page") == 3
    finally:
        server.shutdown()
        b.close()
