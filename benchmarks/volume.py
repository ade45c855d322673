"""Bulk volume for benchmarks: N realistic dossiers written with set-based SQL on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \
        .venv/bin/python benchmarks/volume.py --dossiers 1000000 [--seed 1]

The database must be migrated and loaded with the demo (``manage.py migrate``, ``manage.py
demo``). The service functions take ~150 ms a dossier, so this writes rows directly: dossiers over
the demo province's communes (and Sở Tư pháp, received at the provincial service centre), the
published versions and their channels, over three years up to now, with pauses (supplement
requests and financial obligations), supplement requests, components, fee lines, results
(with a stored-file row for each electronic result) and 50,000 citizen accounts. The legal
clock is kept consistent: working-time positions on the national calendar (7:30–11:30,
13:00–17:00, holidays included) are turned into instants, so received ≤ clock start < due,
pauses lie inside the dossier's life, a finished dossier has no open pause, a completed
supplement restarts the time limit when the rule set says so, a financial obligation moves it by
the working time paused.

Not generated: history events, internal-process steps, transfers, re-appointments, idempotency
keys, payment transactions. Units and versions are those of the demo today, also for dossiers
received before they were established (the demo has no earlier catalogue); the rule set is the
one in force on the receipt day.

Every generated dossier belongs to a generated citizen (e-mail ``…@vol<seed>.motcua.invalid``),
which is how a later run of the same seed finds and deletes them first.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "true")

BATCH = 250_000
MINUTES_PER_DAY = 480  # one working day: two four-hour sessions
YEARS = 3
# Relative demand of procedures (by code); the rest weigh 1. Certification and civil status
# dominate a commune's desk.
WEIGHTS = {
    "2.000815": 14,  # chứng thực bản sao
    "2.000884": 8,  # chứng thực chữ ký
    "1.001193": 6,  # khai sinh
    "2.000635": 5,  # trích lục hộ tịch
    "1.004873": 5,  # xác nhận tình trạng hôn nhân
    "1.004194": 4,  # tạm trú
    "1.004222": 4,  # thường trú
    "1.000656": 2,  # khai tử
    "1.000894": 2,  # kết hôn
    "1.012753": 3,  # đất đai
    "1.013225": 2,  # giấy phép xây dựng
    "2.000575": 2,  # hộ kinh doanh
    "2.000488": 30,  # lý lịch tư pháp (the one department procedure, at Sở Tư pháp)
}
FAMILY = (
    ["Nguyễn"] * 38
    + ["Trần"] * 11
    + ["Lê"] * 9
    + ["Phạm"] * 7
    + ["Hoàng"] * 4
    + ["Huỳnh"] * 3
    + ["Phan"] * 4
    + ["Vũ"] * 3
    + ["Võ"] * 3
    + ["Đặng"] * 2
    + ["Bùi"] * 2
    + ["Đỗ"] * 2
    + ["Hồ"] * 2
    + ["Ngô"] * 2
    + ["Dương", "Lý", "K'", "Ka", "Liêng", "Đinh", "Trương", "Lương"]
)
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân", "Đình", "Ngọc"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hoài", "Bảo"]
GIVEN_M = "An Bình Cường Dũng Đạt Hải Hiếu Hùng Huy Khang Khoa Kiên Lâm Long Nam Nghĩa Phong "
GIVEN_M += "Phúc Quân Sơn Tài Thắng Thành Toàn Trung Tuấn Tùng Việt Vinh"
GIVEN_F = "Anh Bích Chi Diệu Dung Giang Hà Hạnh Hằng Hoa Hương Huyền Lan Linh Loan Mai Nga "
GIVEN_F += "Ngân Nhung Oanh Phương Quyên Quỳnh Tâm Thảo Thủy Trang Uyên Vy Yến"
STREETS = [
    "Trần Phú",
    "Phan Đình Phùng",
    "Hai Bà Trưng",
    "Bùi Thị Xuân",
    "Yersin",
    "Nguyễn Văn Cừ",
    "3 Tháng 2",
    "Hoàng Văn Thụ",
    "Lê Hồng Phong",
    "Ba Tháng Tư",
]


class Refused(SystemExit):
    pass


def _require_bench_database(yes: bool) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        raise Refused(
            "volume.py writes with PostgreSQL SQL only: set DATABASE_URL to a PostgreSQL "
            "benchmark database (never the SQLite development database)."
        )
    name = connection.settings_dict["NAME"]
    if "bench" not in name and not yes:
        raise Refused(
            f"Database {name!r} does not look like a benchmark database (no 'bench' in its "
            "name). Pass --yes to write a million rows into it anyway."
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalog_procedureversion WHERE status = 'published'")
        if cursor.fetchone()[0] == 0:
            raise Refused("No published procedure: run `manage.py migrate` and `manage.py demo`.")


# --- set-up in Python: the few rows that need the services or the calendar ------------------
def _staff(agency, desk):
    """Specialists, a leader and a registry clerk of ``agency`` (the demo's, or created through
    the services for communes the demo staffs not), and a desk officer of ``desk``."""
    from motcua.accounts import services as accounts
    from motcua.accounts.models import User
    from motcua.agencies import services as agency_services
    from motcua.agencies.constants import Role
    from motcua.agencies.models import Membership

    def members(unit, role):
        return list(
            Membership.objects.filter(unit=unit, role=role, valid_to__isnull=True)
            .order_by("user_id")
            .values_list("user_id", flat=True)
        )

    def ensure(unit, role, count):
        found = members(unit, role)
        for n in range(len(found), count):
            username = f"vol.{unit.pk}.{role}.{n + 1}"
            user = User.objects.filter(username=username).first() or accounts.create_officer(
                username=username, full_name=f"Cán bộ {Role(role).label} {n + 1}", password=None
            )
            agency_services.assign_role(user, unit=unit, role=role, valid_from=unit.valid_from)
            found.append(user.pk)
        return found

    return {
        "specialists": ensure(agency, Role.SPECIALIST, 3),
        "leader": ensure(agency, Role.AGENCY_LEADER, 1)[0],
        "registry": ensure(agency, Role.REGISTRY_CLERK, 1)[0],
        "desk": ensure(desk, Role.DESK_OFFICER, 1)[0],
    }


def _unit_code(unit) -> str:
    from motcua.agencies import selectors as agencies

    for node in reversed(agencies.ancestors(unit, include_self=True)):
        if node.code:
            return node.code
    raise Refused(f"No identity code above {unit}.")


def _slots(today: datetime.date) -> list[dict]:
    """(version, resolving agency, receiving desk) combinations the generator draws from, each
    with its weight, staff and channel terms."""
    from motcua.agencies.constants import Level
    from motcua.agencies.models import Agency
    from motcua.catalog import selectors as catalog
    from motcua.catalog.constants import Channel, OnlineLevel
    from motcua.dossiers.simulation_support import desk_for

    communes = list(
        Agency.objects.active_on(today)
        .filter(level=Level.COMMUNE, runs_one_stop_desk=True)
        .order_by("path")
    )
    justice = Agency.objects.filter(short_name="Sở Tư pháp").first()
    slots = []
    for version in catalog.in_force(today).select_related("procedure"):
        terms = {}
        for channel in (Channel.DIRECT, Channel.ONLINE, Channel.POSTAL):
            term = catalog.channel_term(version, channel)
            if term is None or (
                channel == Channel.ONLINE and version.online_level == OnlineLevel.NONE
            ):
                continue
            terms[channel] = term
        if not terms:
            continue
        executing = set(catalog.executing_agencies(version, on=today).values_list("pk", flat=True))
        names = " ".join(version.agencies.values_list("name", flat=True))
        agencies = [c for c in communes if c.pk in executing]
        if justice is not None and justice.pk in executing and justice.short_name in names:
            agencies.append(justice)
        for agency in agencies:
            desk = desk_for(agency, today)
            if desk is None:
                continue
            slots.append(
                {
                    "version": version,
                    "agency": agency,
                    "desk": desk,
                    "terms": terms,
                    "weight": WEIGHTS.get(version.procedure.code, 1),
                }
            )
    if not slots:
        raise Refused("No commune or Sở Tư pháp procedure in force: load the demo first.")
    staff = {}
    for slot in slots:
        key = (slot["agency"].pk, slot["desk"].pk)
        if key not in staff:
            staff[key] = _staff(slot["agency"], slot["desk"])
        slot["staff"] = staff[key]
        slot["unit_code"] = _unit_code(slot["desk"])
    return slots


def _working_days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    from motcua.worktime import selectors as wt_selectors
    from motcua.worktime import services as wt_services

    wt_services.ensure_years(range(first.year, last.year + 2))
    wt_selectors.invalidate()
    calendar = wt_selectors.get_calendar()
    days, day = [], first
    while day <= last + datetime.timedelta(days=400):  # room for due times after today
        if calendar.is_working_day(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


# --- SQL -------------------------------------------------------------------------------------
FUNCTIONS = """
CREATE OR REPLACE FUNCTION pg_temp.ts_start(p bigint, d date[]) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT ((d[p / 480 + 1] + CASE WHEN p % 480 < 240 THEN time '07:30' + (p % 480) * interval '1 min'
          ELSE time '13:00' + (p % 480 - 240) * interval '1 min' END)
         AT TIME ZONE 'Asia/Ho_Chi_Minh')
$$;
CREATE OR REPLACE FUNCTION pg_temp.ts_end(p bigint, d date[]) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p % 480 = 0 THEN (d[p / 480] + time '17:00') AT TIME ZONE 'Asia/Ho_Chi_Minh'
         ELSE pg_temp.ts_start(p, d) END
$$;
"""


def _setup_tables(cursor, slots, seed: int) -> None:
    cursor.execute(
        """
        DROP TABLE IF EXISTS _slot, _term, _fee, _pick;
        CREATE TEMP TABLE _slot (
            slot int PRIMARY KEY, version_id bigint, agency_id bigint, desk_id bigint,
            unit_code text, cutoff int, kind text, specialists bigint[], leader bigint,
            registry bigint, desk_officer bigint, online_ok bool, full_online bool,
            result_doc bool, result_name text, summary text, postal_ok bool, direct_ok bool);
        CREATE TEMP TABLE _term (slot int, channel text, minutes int, same_day bool,
            term_id bigint, has_fee bool, PRIMARY KEY (slot, channel));
        CREATE TEMP TABLE _pick (n int PRIMARY KEY, slot int);
        """
    )
    picks, rows, terms = [], [], []
    for n, slot in enumerate(slots):
        version = slot["version"]
        cutoff = None
        if version.cutoff_time is not None:
            minutes = version.cutoff_time.hour * 60 + version.cutoff_time.minute
            cutoff = minutes - 450 if minutes <= 690 else 240 + minutes - 780
        subjects = version.subjects or []
        kind = "citizen" if "citizen" in subjects or not subjects else subjects[0]
        if kind not in ("citizen", "business", "household_business"):
            kind = "citizen" if kind != "organisation" else "business"
        staff = slot["staff"]
        rows.append(
            (
                n,
                version.pk,
                slot["agency"].pk,
                slot["desk"].pk,
                slot["unit_code"],
                cutoff,
                kind,
                staff["specialists"],
                staff["leader"],
                staff["registry"],
                staff["desk"],
                "online" in slot["terms"],
                version.online_level == "full",
                version.result_is_document,
                (version.result_name or version.name)[:500],
                version.name[:500],
                "postal" in slot["terms"],
                "direct" in slot["terms"],
            )
        )
        for channel, term in slot["terms"].items():
            amount = float(term.processing_amount)
            minutes = {
                "working_hours": amount * 60,
                "working_days": amount * MINUTES_PER_DAY,
            }.get(term.processing_unit, amount * MINUTES_PER_DAY)
            has_fee = term.fee_lines.filter(amount__gt=0).exists()
            terms.append((n, channel, max(round(minutes), 60), term.same_day, term.pk, has_fee))
        picks.extend([n] * slot["weight"])
    cursor.executemany("INSERT INTO _slot VALUES (" + ",".join(["%s"] * 18) + ")", rows)  # noqa: S608
    cursor.executemany("INSERT INTO _term VALUES (%s,%s,%s,%s,%s,%s)", terms)
    cursor.executemany("INSERT INTO _pick VALUES (%s,%s)", list(enumerate(picks, start=1)))
    cursor.execute(
        """
        CREATE TEMP TABLE _fee AS
        SELECT t.slot, t.channel, f.name, f.code, f.kind, f.amount, f.stage, f.order AS ord
          FROM _term t JOIN catalog_feeline f ON f.term_id = t.term_id;
        ANALYZE _slot; ANALYZE _term; ANALYZE _pick; ANALYZE _fee;
        """
    )


def _clear(cursor, seed: int) -> int:
    """Delete the dossiers, accounts and files of an earlier run of ``seed``."""
    domain = f"%@vol{seed}.motcua.invalid"
    cursor.execute(
        """
        DROP TABLE IF EXISTS _old, _oldfile;
        CREATE TEMP TABLE _old AS
        SELECT d.id FROM dossiers_dossier d
         WHERE d.applicant_id IN (SELECT id FROM accounts_user WHERE email LIKE %s);
        CREATE TEMP TABLE _oldfile AS
        SELECT file_id AS id FROM dossiers_dossierresult
         WHERE dossier_id IN (SELECT id FROM _old) AND file_id IS NOT NULL;
        """,
        [domain],
    )
    cursor.execute("SELECT count(*) FROM _old")
    count = cursor.fetchone()[0]
    for table in ("feedback_feedback", "feedback_rating", "notifications_delivery",
                  "payments_transaction"):  # fmt: skip
        cursor.execute(f"SELECT 1 FROM {table} WHERE dossier_id IN (SELECT id FROM _old) LIMIT 1")  # noqa: S608
        if cursor.fetchone():
            raise Refused(
                f"{table} refers to dossiers of seed {seed}: drop and recreate the benchmark "
                "database instead of regenerating."
            )
    statements = [
        "DELETE FROM dossiers_idempotencykey WHERE dossier_id IN (SELECT id FROM _old)",
        "DELETE FROM dossiers_event_attachments WHERE event_id IN "
        "(SELECT id FROM dossiers_event WHERE dossier_id IN (SELECT id FROM _old))",
        "DELETE FROM dossiers_event WHERE dossier_id IN (SELECT id FROM _old)",
        "DELETE FROM dossiers_transfer WHERE dossier_id IN (SELECT id FROM _old)",
        "DELETE FROM dossiers_dossierstep WHERE dossier_id IN (SELECT id FROM _old)",
        "DELETE FROM dossiers_reappointment WHERE dossier_id IN (SELECT id FROM _old)",
        "DELETE FROM dossiers_supplementrequest WHERE dossier_id IN (SELECT id FROM _old)",
        "DELETE FROM dossiers_pause WHERE dossier_id IN (SELECT id FROM _old)",
        "DELETE FROM dossiers_dossierresult WHERE dossier_id IN (SELECT id FROM _old)",
        "DELETE FROM dossiers_dossierfee WHERE dossier_id IN (SELECT id FROM _old)",
        "DELETE FROM dossiers_dossiercomponent_files WHERE dossiercomponent_id IN "
        "(SELECT id FROM dossiers_dossiercomponent WHERE dossier_id IN (SELECT id FROM _old))",
        "DELETE FROM dossiers_dossiercomponent WHERE dossier_id IN (SELECT id FROM _old)",
        "DELETE FROM dossiers_dossier WHERE id IN (SELECT id FROM _old)",
        "DELETE FROM documents_storedfile WHERE id IN (SELECT id FROM _oldfile)",
        "DELETE FROM accounts_citizenprofile WHERE user_id IN "
        "(SELECT id FROM accounts_user WHERE email LIKE %(domain)s)",
        "DELETE FROM accounts_user WHERE email LIKE %(domain)s",
    ]
    for statement in statements:
        cursor.execute(statement, {"domain": domain} if "%(" in statement else None)
    return count


def _citizens(cursor, seed: int, count: int, today: datetime.date) -> tuple[int, int]:
    """Insert ``count`` citizen accounts with profiles; returns the first and last user id.
    Personal ids: province 068, century/sex digit and birth year agreeing with the date of birth,
    then a serial unique to the seed (seed mod 10 picks the hundred-thousand block)."""
    if count > 90_000:
        raise Refused("At most 90,000 citizens per seed (the personal-id serial block).")
    block = (seed % 10) * 100_000 + 10_000
    cursor.execute(
        """
        SELECT count(*) FROM accounts_citizenprofile
         WHERE substr(personal_id, 7, 6)::int BETWEEN %s AND %s AND personal_id ~ '^[0-9]{12}$'
        """,
        [block, block + count],
    )
    if cursor.fetchone()[0]:
        raise Refused(
            f"Personal ids of seed {seed} are taken by other accounts (another seed with the "
            "same last digit?): use another seed."
        )
    cursor.execute("SELECT coalesce(max(id), 0) FROM accounts_user")
    base = cursor.fetchone()[0]
    cursor.execute(
        """
        CREATE TEMP TABLE _cit AS
        SELECT k, %(base)s + k AS id,
               female, dob,
               '068' || (CASE WHEN extract(year FROM dob) >= 2000 THEN 2 ELSE 0 END
                         + female::int)::text
                     || to_char(dob, 'YY') || lpad((%(block)s + k)::text, 6, '0') AS personal_id,
               (%(family)s::text[])[1 + floor(r1 * %(nfamily)s)::int] || ' '
                 || CASE WHEN female THEN (%(mid_f)s::text[])[1 + floor(r2 * 10)::int]
                         ELSE (%(mid_m)s::text[])[1 + floor(r2 * 10)::int] END || ' '
                 || CASE WHEN female THEN (%(given_f)s::text[])[1 + floor(r3 * %(ngf)s)::int]
                         ELSE (%(given_m)s::text[])[1 + floor(r3 * %(ngm)s)::int] END AS full_name,
               '0' || (ARRAY['3','5','7','8','9'])[1 + (k %% 5)]
                   || lpad(((k::bigint * 7919 + %(seed)s::bigint * 104729) %% 100000000)::text,
                           8, '0') AS phone,
               (1 + floor(r4 * 200))::int || ' ' || (%(streets)s::text[])[1 + floor(r5 * 10)::int]
                   || ', Lâm Đồng' AS address,
               r6 < 0.6 AS vneid
          FROM (SELECT k, random() < 0.5 AS female,
                       date '1945-01-01' + floor(random() * 22000)::int AS dob,
                       random() r1, random() r2, random() r3, random() r4, random() r5,
                       random() r6
                  FROM generate_series(1, %(count)s) k) s
        """,
        {
            "base": base,
            "block": block,
            "count": count,
            "seed": seed,
            "family": FAMILY,
            "nfamily": len(FAMILY),
            "mid_f": MIDDLE_F,
            "mid_m": MIDDLE_M,
            "given_f": GIVEN_F.split(),
            "given_m": GIVEN_M.split(),
            "ngf": len(GIVEN_F.split()),
            "ngm": len(GIVEN_M.split()),
            "streets": STREETS,
        },
    )
    joined = datetime.datetime.combine(
        today - datetime.timedelta(days=365 * YEARS + 30), datetime.time(8), datetime.UTC
    )
    cursor.execute(
        """
        INSERT INTO accounts_user (id, password, last_login, is_superuser, username, first_name,
            last_name, email, is_staff, is_active, date_joined, kind, full_name, phone,
            language, sign_in_epoch)
        SELECT id, '!', NULL, false, personal_id, '', '',
               'c' || k || '@vol' || %(seed)s || '.motcua.invalid', false, true,
               %(joined)s, 'citizen', full_name, phone, '', 0
          FROM _cit;
        INSERT INTO accounts_citizenprofile (personal_id, date_of_birth, address, vneid_verified,
            vneid_verified_at, user_id)
        SELECT personal_id, dob, address, vneid, CASE WHEN vneid THEN %(joined)s END, id
          FROM _cit;
        SELECT setval(pg_get_serial_sequence('accounts_user', 'id'),
                      (SELECT max(id) FROM accounts_user));
        """,
        {"seed": seed, "joined": joined},
    )
    return base + 1, base + count


PLAN = """
DROP TABLE IF EXISTS _r, _d;
CREATE TEMP TABLE _r AS
SELECT g, random() r_slot, random() r_cit, random() r_pos, random() r_chan, random() r_deliv,
       random() r_fac, random() r_slow, random() r_sup, random() r_s1, random() r_s2,
       random() r_d1, random() r_d2, random() r_pay, random() r_pa, random() r_dp, random() r_out,
       random() r_ret, random() r_acc, random() r_subm, random() r_dig, random() r_reuse,
       random() r_stuck, random() r_asg, random() r_w, random() r_never, random() r_eres
  FROM generate_series(%(lo)s, %(hi)s) g;

CREATE TEMP TABLE _d AS
WITH a AS MATERIALIZED (
  SELECT r.g, r.r_acc, r.r_fac, r.r_sup, r.r_s1, r.r_s2, r.r_d1, r.r_d2, r.r_pay, r.r_pa,
         r.r_dp, r.r_ret, r.r_never, p.slot, s.cutoff,
         CASE WHEN s.online_ok AND r.r_chan < 0.55 THEN 'online'
              WHEN r.r_chan > 0.95 AND s.postal_ok THEN 'postal'
              WHEN s.direct_ok THEN 'direct'
              ELSE 'online' END AS channel,
         %(first_user)s + floor(power(r.r_cit, 1.3) * %(citizens)s)::bigint AS applicant_id,
         1 + floor(r.r_pos * (%(now_pos)s - 60))::bigint AS pos_evt,
         CASE WHEN r.r_out < 0.03 THEN 'refused_intake'
              WHEN r.r_out < 0.05 THEN 'withdrawn'
              WHEN r.r_out < 0.07 THEN 'stopped'
              WHEN r.r_out < 0.12 THEN 'refused'
              ELSE 'granted' END AS fate,
         r.r_stuck < 0.003 AS stuck,
         r.r_slow < 0.12 AS slow
    FROM _r r
    JOIN _pick p ON p.n = 1 + floor(r.r_slot * %(npicks)s)::int
    JOIN _slot s ON s.slot = p.slot
), b AS MATERIALIZED (
  SELECT a.*, t.minutes, t.same_day, t.has_fee,
         CASE WHEN a.channel = 'online'
              THEN a.pos_evt + 18 + floor(a.r_acc * 582)::bigint ELSE a.pos_evt END AS pos_rcv
    FROM a JOIN _term t ON t.slot = a.slot AND t.channel = a.channel
), c AS MATERIALIZED (
  SELECT b.*,
         CASE WHEN cutoff IS NOT NULL AND pos_rcv %% 480 > cutoff
              THEN (pos_rcv / 480 + 1) * 480 ELSE pos_rcv END AS pos_cs
    FROM b
), e AS MATERIALIZED (
  SELECT c.*,
         CASE WHEN same_day THEN (pos_cs / 480 + 1) * 480 - pos_cs ELSE minutes END AS q,
         CASE WHEN fate IN ('withdrawn', 'refused_intake') THEN 0
              WHEN r_sup < 0.02 THEN 2 WHEN r_sup < 0.14 THEN 1 ELSE 0 END AS nsup
    FROM c
), f AS MATERIALIZED (
  SELECT e.*,
         greatest(15, round(q * CASE WHEN slow THEN 1.1 + r_fac * 1.4
                                     ELSE 0.2 + r_fac * 0.75 END))::bigint AS w
    FROM e
), g1 AS MATERIALIZED (
  SELECT f.*,
         CASE WHEN nsup >= 1 THEN pos_cs + 1 + floor(r_s1 * least(w - 1, 1440) * 0.8)::bigint
         END AS s1,
         240 + floor(r_d1 * 2160)::bigint AS d1,
         240 + floor(r_d2 * 2160)::bigint AS d2,
         r_never < 0.05 AS never
    FROM f
), g2 AS MATERIALIZED (
  SELECT g1.*,
         CASE WHEN nsup = 2 THEN s1 + d1 + floor(r_s2 * (w - (s1 - pos_cs)) * 0.5)::bigint
         END AS s2
    FROM g1
), g3 AS MATERIALIZED (
  SELECT g2.*,
         -- end of the supplements and the work still to do after them
         CASE nsup WHEN 0 THEN pos_cs WHEN 1 THEN s1 + d1 ELSE s2 + d2 END AS sup_end,
         CASE nsup WHEN 0 THEN w WHEN 1 THEN w - (s1 - pos_cs)
              ELSE w - (s1 - pos_cs) - (s2 - s1 - d1) END AS rest,
         fate NOT IN ('withdrawn', 'refused_intake') AND r_pay < 0.15 AND has_fee AS pay,
         120 + floor(r_dp * 1320)::bigint AS dp
    FROM g2
), g4 AS MATERIALIZED (
  SELECT g3.*,
         CASE WHEN pay THEN sup_end + floor(rest * (0.5 + 0.4 * r_pa))::bigint END AS sp,
         CASE WHEN fate = 'withdrawn' THEN pos_cs + 1 + floor(w * 0.5 * r_fac)::bigint
              WHEN stuck OR (nsup > 0 AND never) THEN NULL
              ELSE sup_end + rest + CASE WHEN pay THEN dp ELSE 0 END END AS fin,
         -- the legal restart gives the appointment of a receipt at the completion: after the
         -- cut-off from the next day, a same-day procedure at the end of that day
         CASE WHEN nsup > 0 AND %(restarts)s THEN
                CASE WHEN same_day THEN (sup_cs / 480 + 1) * 480 ELSE sup_cs + q END
              ELSE pos_cs + q + CASE nsup WHEN 0 THEN 0 WHEN 1 THEN d1 ELSE d1 + d2 END END
           + CASE WHEN pay THEN dp ELSE 0 END AS due
    FROM (SELECT g3.*,
                 CASE WHEN cutoff IS NOT NULL AND sup_end %% 480 > cutoff
                      THEN (sup_end / 480 + 1) * 480 ELSE sup_end END AS sup_cs
            FROM g3) g3
), h AS MATERIALIZED (
  SELECT g4.*,
         fin + 30 + floor(r_ret * 1410)::bigint AS ret,
         CASE
           WHEN channel = 'online' AND pos_rcv > %(now_pos)s THEN 'submitted'
           WHEN fate = 'refused_intake' THEN 'refused_at_intake'
           WHEN fin IS NOT NULL AND fin <= %(now_pos)s THEN
             CASE fate WHEN 'withdrawn' THEN 'withdrawn' WHEN 'stopped' THEN 'stopped'
                  ELSE CASE WHEN fin + 30 + floor(r_ret * 1410) <= %(now_pos)s
                            THEN 'returned' ELSE 'result_ready' END END
           WHEN %(now_pos)s < pos_cs + 60 THEN 'received'
           WHEN nsup >= 1 AND s1 <= %(now_pos)s
                AND (%(now_pos)s < s1 + d1 OR (nsup = 1 AND never)) THEN 'awaiting_supplement'
           WHEN nsup = 2 AND s2 <= %(now_pos)s AND (%(now_pos)s < s2 + d2 OR never)
                THEN 'awaiting_supplement'
           WHEN pay AND sp <= %(now_pos)s AND %(now_pos)s < sp + dp THEN 'awaiting_payment'
           WHEN fin IS NOT NULL AND (%(now_pos)s - pos_cs) > 0.85 * (fin - pos_cs)
                THEN 'awaiting_approval'
           ELSE 'in_progress' END AS status
    FROM g4
), k AS MATERIALIZED (
  SELECT h.*, s.version_id, s.agency_id, s.desk_id, s.unit_code, s.kind, s.specialists,
         s.leader, s.registry, s.full_online, s.result_doc, s.result_name, s.summary,
         r.r_deliv, r.r_dig, r.r_reuse, r.r_asg, r.r_w, r.r_eres,
         %(base)s + h.g - %(lo)s + 1 AS id,
         CASE WHEN h.channel = 'online'
              THEN pg_temp.ts_start(h.pos_evt, %(days)s) - r.r_subm * interval '14 hours'
              ELSE pg_temp.ts_start(h.pos_evt, %(days)s) END AS submitted_at
    FROM h JOIN _slot s ON s.slot = h.slot JOIN _r r ON r.g = h.g
), m AS MATERIALIZED (
  SELECT k.*, (k.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS code_day FROM k
)
-- The code's daily sequence per receiving unit, after the numbers already given that day.
SELECT m.*, (coalesce(cc.last, 0) + row_number() OVER (
           PARTITION BY m.desk_id, m.code_day ORDER BY m.submitted_at, m.id))::int AS seq
  FROM m LEFT JOIN dossiers_codecounter cc ON cc.unit_id = m.desk_id AND cc.day = m.code_day;
ALTER TABLE _d ADD PRIMARY KEY (id);
INSERT INTO dossiers_codecounter (unit_id, day, last)
SELECT desk_id, code_day, max(seq) FROM _d GROUP BY 1, 2
ON CONFLICT (unit_id, day) DO UPDATE
   SET last = greatest(dossiers_codecounter.last, excluded.last);
"""

INSERT_DOSSIERS = """
INSERT INTO dossiers_dossier (
    id, code, channel, status, outcome, applicant_kind, applicant_name, applicant_search,
    applicant_id_number,
    applicant_phone, applicant_email, applicant_address, representative_name,
    representative_id_number, vneid_verified, summary, form_data, delivery, delivery_address,
    submitted_at, received_at, clock_start_at, original_due_at, due_at, intake_due_at,
    finished_at, returned_at, version, created_at, updated_at, applicant_id, assignee_id,
    holder_id, procedure_version_id, receiving_unit_id, resolving_agency_id, rules_id,
    applicant_data_source, representative_position, representative_phone)
SELECT d.id,
       d.unit_code || '-' || to_char(d.code_day, 'YYMMDD') || '-'
         || CASE WHEN d.seq < 10000 THEN lpad(d.seq::text, 4, '0') ELSE d.seq::text END,
       d.channel, d.status,
       CASE WHEN d.status IN ('returned', 'result_ready')
              THEN CASE WHEN d.fate = 'refused' THEN 'refused' ELSE 'granted' END
            WHEN d.status = 'stopped' THEN 'stopped'
            WHEN d.status = 'withdrawn' THEN 'withdrawn' ELSE '' END,
       d.kind, u.full_name, coalesce(f.search, ''), cp.personal_id, u.phone,
       CASE WHEN d.channel = 'online' THEN u.email ELSE '' END, cp.address, '', '',
       d.channel = 'online' AND cp.vneid_verified, d.summary, '{}'::jsonb,
       CASE WHEN d.channel = 'online' AND d.full_online AND d.r_deliv < 0.5 THEN 'online'
            WHEN d.r_deliv > 0.9 THEN 'post' ELSE 'desk' END,
       CASE WHEN d.r_deliv > 0.9 AND NOT (d.channel = 'online' AND d.full_online
                                           AND d.r_deliv < 0.5) THEN cp.address ELSE '' END,
       d.submitted_at,
       rcv.received_at, rcv.clock_start_at, rcv.original_due_at, rcv.due_at,
       CASE WHEN d.channel = 'online' THEN pg_temp.ts_end(d.pos_evt + 480, %(days)s) END,
       CASE WHEN d.status IN ('returned', 'result_ready', 'stopped', 'withdrawn')
            THEN pg_temp.ts_end(d.fin, %(days)s) END,
       CASE WHEN d.status = 'returned' THEN pg_temp.ts_end(d.ret, %(days)s) END,
       CASE WHEN d.status IN ('submitted', 'refused_at_intake') THEN 1
            ELSE 3 + 2 * d.nsup + CASE WHEN d.pay THEN 2 ELSE 0 END
                 + CASE WHEN d.status = 'returned' THEN 3 ELSE 1 END END,
       d.submitted_at,
       greatest(d.submitted_at, rcv.received_at,
                CASE WHEN d.status IN ('returned', 'result_ready', 'stopped', 'withdrawn')
                     THEN pg_temp.ts_end(d.fin, %(days)s) END,
                CASE WHEN d.status = 'returned' THEN pg_temp.ts_end(d.ret, %(days)s) END),
       d.applicant_id,
       CASE WHEN d.status IN ('submitted', 'refused_at_intake', 'received') THEN NULL
            WHEN d.status = 'awaiting_approval' THEN d.leader
            ELSE d.specialists[1 + floor(d.r_asg * array_length(d.specialists, 1))::int] END,
       d.agency_id, d.version_id, d.desk_id, d.agency_id,
       (SELECT rs.id FROM dossiers_ruleset rs
         WHERE rs.valid_from <= d.code_day AND (rs.valid_to IS NULL OR rs.valid_to >= d.code_day)
         ORDER BY rs.valid_from DESC LIMIT 1),
       '', '', ''
  FROM _d d
  JOIN accounts_user u ON u.id = d.applicant_id
  JOIN accounts_citizenprofile cp ON cp.user_id = u.id
  LEFT JOIN _folded f ON f.user_id = u.id
  CROSS JOIN LATERAL (
    SELECT CASE WHEN accepted THEN pg_temp.ts_start(d.pos_rcv, %(days)s) END AS received_at,
           CASE WHEN accepted THEN pg_temp.ts_start(d.pos_cs, %(days)s) END AS clock_start_at,
           CASE WHEN accepted THEN pg_temp.ts_end(d.pos_cs + d.q, %(days)s) END
             AS original_due_at,
           CASE WHEN accepted THEN pg_temp.ts_end(
                  -- a supplement not answered yet has not restarted the time limit, and a
                  -- financial obligation moves it only once it is met
                  CASE WHEN d.status = 'awaiting_supplement'
                       THEN CASE WHEN d.nsup = 2 AND d.s2 <= %(now_pos)s
                                 THEN d.s1 + d.d1 + d.q ELSE d.pos_cs + d.q END
                       WHEN d.pay AND d.status IN ('in_progress', 'awaiting_approval',
                                                   'awaiting_payment', 'received')
                            AND NOT (d.sp + d.dp <= %(now_pos)s)
                            THEN d.due - d.dp
                       ELSE d.due END, %(days)s) END AS due_at
      FROM (SELECT d.status NOT IN ('submitted', 'refused_at_intake') AS accepted) x
  ) rcv;
SELECT setval(pg_get_serial_sequence('dossiers_dossier', 'id'),
              (SELECT max(id) FROM dossiers_dossier));
"""

INSERT_PARTS = """
-- Pauses: the supplement requests and the financial obligation that have begun by now.
INSERT INTO dossiers_pause (dossier_id, reason, started_at, ended_at, note)
SELECT d.id, p.reason, pg_temp.ts_start(p.s, %(days)s),
       CASE WHEN p.e IS NOT NULL AND p.e <= %(now_pos)s THEN pg_temp.ts_end(p.e, %(days)s) END,
       p.note
  FROM _d d
  CROSS JOIN LATERAL (VALUES
      ('supplement', d.s1, CASE WHEN NOT (d.never AND d.nsup = 1) THEN d.s1 + d.d1 END,
       'Yêu cầu bổ sung giấy tờ chứng minh'),
      ('supplement', d.s2, CASE WHEN NOT d.never THEN d.s2 + d.d2 END,
       'Yêu cầu bổ sung lần hai'),
      ('financial_obligation', d.sp, d.sp + d.dp, 'Thực hiện nghĩa vụ tài chính')
  ) AS p(reason, s, e, note)
 WHERE p.s IS NOT NULL AND p.s <= %(now_pos)s
   AND d.status NOT IN ('submitted', 'refused_at_intake', 'received');

INSERT INTO dossiers_supplementrequest (dossier_id, stage, items, requested_at, requested_by_id,
    answered_at, answer_note)
SELECT p.dossier_id, 'after_appraisal',
       '[{"name": "Giấy tờ chứng minh", "reason": "Chưa đủ căn cứ giải quyết"}]'::jsonb,
       p.started_at, d.specialists[1], p.ended_at,
       CASE WHEN p.ended_at IS NOT NULL THEN 'Đã bổ sung' ELSE '' END
  FROM dossiers_pause p JOIN _d d ON d.id = p.dossier_id
 WHERE p.reason = 'supplement' AND p.dossier_id BETWEEN %(first)s AND %(last)s;

-- Components: every mandatory component and a fifth of the conditional ones.
INSERT INTO dossiers_dossiercomponent (dossier_id, component_id, name, origin, digitized, reused,
    source_database, paper_originals, paper_copies)
SELECT d.id, c.id, c.name,
       CASE WHEN NOT dig THEN 'paper_only'
            WHEN d.r_reuse < 0.35 AND c.source = 'national_database' THEN 'national_database'
            WHEN d.r_reuse < 0.2 AND d.channel = 'online' THEN 'data_store'
            WHEN d.channel = 'online' THEN 'uploaded' ELSE 'scanned' END,
       dig,
       dig AND ((d.r_reuse < 0.35 AND c.source = 'national_database')
                OR (d.r_reuse < 0.2 AND d.channel = 'online')),
       CASE WHEN dig AND d.r_reuse < 0.35 AND c.source = 'national_database'
            THEN left(c.national_database, 100) ELSE '' END,
       CASE WHEN d.channel = 'online' THEN 0 ELSE c.originals END,
       CASE WHEN d.channel = 'online' THEN 0 ELSE c.copies END
  FROM _d d
  JOIN catalog_component c ON c.version_id = d.version_id
  CROSS JOIN LATERAL (SELECT d.channel = 'online' OR d.r_dig < 0.8 AS dig) x
 WHERE c.requirement = 'mandatory' OR ((d.id * 31 + c.id * 17) %% 5) = 0;

-- Fee lines of the channel, copied at receipt; paid at receipt, at return, or when the
-- financial obligation ends.
INSERT INTO dossiers_dossierfee (dossier_id, name, code, kind, amount, stage, paid_at,
    paid_online, payment_reference, basis, unit, quantity, copies)
SELECT d.id, f.name, f.code, f.kind, f.amount, f.stage, paid.at,
       paid.at IS NOT NULL AND (CASE WHEN d.channel = 'online' THEN d.r_w < 0.8
                                     ELSE d.r_w < 0.15 END),
       CASE WHEN paid.at IS NULL THEN ''
            WHEN (CASE WHEN d.channel = 'online' THEN d.r_w < 0.8 ELSE d.r_w < 0.15 END)
            THEN 'GD' || d.id || f.ord ELSE 'BL' || d.id || f.ord END,
       'fixed', '', 1, 1
  FROM _d d
  JOIN _fee f ON f.slot = d.slot AND f.channel = d.channel
  CROSS JOIN LATERAL (
    SELECT CASE
      WHEN f.amount = 0 THEN NULL
      WHEN d.pay THEN CASE WHEN d.sp + d.dp <= %(now_pos)s
                                AND d.status NOT IN ('awaiting_payment')
                           THEN pg_temp.ts_end(d.sp + d.dp, %(days)s) END
      WHEN f.stage = 'at_return' THEN CASE WHEN d.status = 'returned'
                                           THEN pg_temp.ts_end(d.ret, %(days)s) END
      ELSE pg_temp.ts_start(d.pos_rcv, %(days)s) END AS at
  ) paid
 WHERE d.status NOT IN ('submitted', 'refused_at_intake');

-- Results: one per dossier with a result, electronic (a stored file) for most document
-- results and every result delivered online.
DROP TABLE IF EXISTS _res;
CREATE TEMP TABLE _res AS
SELECT d.id AS dossier_id, dd.code, d.fate, d.result_name, d.registry, d.leader, d.applicant_id,
       dd.finished_at, dd.delivery,
       d.result_doc AND (dd.delivery = 'online' OR d.r_eres < 0.7) AS electronic
  FROM _d d JOIN dossiers_dossier dd ON dd.id = d.id
 WHERE d.status IN ('returned', 'result_ready');
ALTER TABLE _res ADD COLUMN file_id bigint;
WITH n AS (SELECT dossier_id, %(file_base)s + row_number() OVER (ORDER BY dossier_id) AS fid
             FROM _res WHERE electronic)
UPDATE _res SET file_id = n.fid FROM n WHERE n.dossier_id = _res.dossier_id;
INSERT INTO documents_storedfile (id, file, name, content_type, size, sha256, created_at,
    owner_id, uploaded_by_id)
SELECT file_id, 'volume/' || code || '-KQ1.pdf', code || '-KQ1.pdf', 'application/pdf',
       40000 + (dossier_id %% 200000), md5(code) || md5(code || 'KQ1'), finished_at,
       applicant_id, registry
  FROM _res WHERE file_id IS NOT NULL;
SELECT setval(pg_get_serial_sequence('documents_storedfile', 'id'),
              (SELECT max(id) FROM documents_storedfile));
INSERT INTO dossiers_dossierresult (dossier_id, number, code, kind, name, document_number, file_id,
    issued_at, issued_by_id)
SELECT dossier_id, 1, code || '-KQ1',
       CASE WHEN fate = 'refused' THEN 'refusal' ELSE 'result' END,
       CASE WHEN fate = 'refused' THEN 'Văn bản từ chối giải quyết' ELSE result_name END,
       (dossier_id %% 9000 + 1) || '/' || CASE WHEN fate = 'refused' THEN 'TB' ELSE 'QĐ' END
         || '-UBND',
       file_id, finished_at, CASE WHEN fate = 'refused' THEN leader ELSE registry END
  FROM _res;
"""


def _run(cursor, script: str, params: dict, out) -> None:
    """Execute ``script`` statement by statement; with VOLUME_DEBUG set, time each one."""
    debug = bool(os.environ.get("VOLUME_DEBUG"))
    for statement in script.split(";\n"):
        if not statement.strip():
            continue
        started = time.perf_counter()
        cursor.execute(statement, params if "%" in statement else None)
        if debug:
            first_line = " ".join(statement.split())[:70]
            out(f"    {time.perf_counter() - started:6.2f} s  {first_line}")


def _check_references(cursor) -> None:
    """Every foreign key of the rows written with checks off points at an existing row."""
    cursor.execute(
        """
        SELECT con.conrelid::regclass::text, a.attname, con.confrelid::regclass::text,
               af.attname
          FROM pg_constraint con
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
          JOIN pg_attribute af ON af.attrelid = con.confrelid AND af.attnum = con.confkey[1]
         WHERE con.contype = 'f'
           AND con.conrelid::regclass::text IN ('dossiers_dossier', 'dossiers_pause',
               'dossiers_dossiercomponent', 'dossiers_dossierfee', 'dossiers_dossierresult',
               'dossiers_supplementrequest', 'documents_storedfile', 'accounts_citizenprofile',
               'dossiers_codecounter')
        """
    )
    for table, column, target, target_column in cursor.fetchall():
        cursor.execute(
            f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "  # noqa: S608
            f"(SELECT 1 FROM {target} x WHERE x.{target_column} = t.{column})"
        )
        missing = cursor.fetchone()[0]
        if missing:
            raise RuntimeError(f"{missing} rows of {table}.{column} point at no {target} row.")


def _fold_names(cursor, first_user: int, last_user: int) -> None:
    """The citizens' names folded as the work queues search them (``catalog.search.padded``,
    the dossiers' ``applicant_search``), in a table the dossier insert joins."""
    from motcua.catalog.search import padded

    cursor.execute("DROP TABLE IF EXISTS _folded")
    cursor.execute("CREATE TEMP TABLE _folded (user_id bigint PRIMARY KEY, search text)")
    cursor.execute(
        "SELECT id, full_name FROM accounts_user WHERE id BETWEEN %s AND %s",
        [first_user, last_user],
    )
    rows = [(pk, padded(name)) for pk, name in cursor.fetchall()]
    cursor.executemany("INSERT INTO _folded VALUES (%s, %s)", rows)
    cursor.execute("ANALYZE _folded")


def generate(dossiers: int, *, seed: int = 1, citizens: int = 50_000, yes: bool = False,
             out=print) -> dict:  # fmt: skip
    """Write ``dossiers`` dossiers for ``seed`` (after deleting an earlier run of it)."""
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    _require_bench_database(yes)
    started = time.perf_counter()
    now = timezone.now()
    today = timezone.localdate(now)
    first = today.replace(year=today.year - YEARS)
    with transaction.atomic():
        slots = _slots(today)
    days = _working_days(first, today)
    # Now as a working-time position: minutes of working time since the first day's start.
    local = timezone.localtime(now)
    done_days = sum(1 for d in days if d < today)
    minutes = local.hour * 60 + local.minute
    into_today = (
        0
        if today not in days
        else min(max(minutes - 450, 0), 240) + min(max(minutes - 780, 0), 240)
    )
    now_pos = done_days * MINUTES_PER_DAY + into_today
    out(
        f"{len(slots)} (procedure, agency) combinations, {len(days)} working days "
        f"{first}…{days[-1]}, now at working position {now_pos}."
    )
    totals = {}
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        # Bulk load: foreign keys are not checked row by row (the rows are built from existing
        # ids); _check_references verifies them once at the end.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET work_mem = '256MB'")
        cursor.execute(FUNCTIONS)
        with transaction.atomic():
            removed = _clear(cursor, seed)
        if removed:
            out(f"Deleted {removed:,} dossiers of an earlier run of seed {seed}.")
        with transaction.atomic():
            cursor.execute("DROP TABLE IF EXISTS _cit")
            first_user, last_user = _citizens(cursor, seed, citizens, today)
            _fold_names(cursor, first_user, last_user)
            _setup_tables(cursor, slots, seed)
        out(f"{citizens:,} citizens ({time.perf_counter() - started:.0f} s).")
        cursor.execute("SELECT setseed(%s)", [((seed * 7919) % 10000) / 10000.0])
        cursor.execute("SELECT count(*) FROM _pick")
        npicks = cursor.fetchone()[0]
        cursor.execute(
            "SELECT supplement_restarts_deadline FROM dossiers_ruleset ORDER BY valid_from DESC"
        )
        restarts = cursor.fetchone()[0]
        lo = 1
        while lo <= dossiers:
            hi = min(lo + BATCH - 1, dossiers)
            with transaction.atomic():
                cursor.execute("SELECT coalesce(max(id), 0) FROM dossiers_dossier")
                base = cursor.fetchone()[0]
                cursor.execute("SELECT coalesce(max(id), 0) FROM documents_storedfile")
                file_base = cursor.fetchone()[0]
                params = {
                    "lo": lo,
                    "hi": hi,
                    "base": base,
                    "file_base": file_base,
                    "days": days,
                    "now_pos": now_pos,
                    "first_user": first_user,
                    "citizens": last_user - first_user + 1,
                    "npicks": npicks,
                    "restarts": restarts,
                    "first": base + 1,
                    "last": base + hi - lo + 1,
                }
                for script in (PLAN, INSERT_DOSSIERS, INSERT_PARTS):
                    _run(cursor, script, params, out)
            out(f"  {hi:,} / {dossiers:,} dossiers ({time.perf_counter() - started:.0f} s)")
            lo = hi + 1
        cursor.execute("SET session_replication_role = DEFAULT")
        _check_references(cursor)
        out(f"References checked ({time.perf_counter() - started:.0f} s).")
        cursor.execute("ANALYZE")
        for table in ("dossier", "dossiercomponent", "dossierfee", "dossierresult", "pause"):
            cursor.execute(f"SELECT count(*) FROM dossiers_{table}")  # noqa: S608
            totals[table] = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        totals["database size"] = cursor.fetchone()[0]
    totals["seconds"] = round(time.perf_counter() - started, 1)
    return totals


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--citizens", type=int, default=50_000)
    parser.add_argument(
        "--yes", action="store_true", help="write even if the database name lacks 'bench'"
    )
    args = parser.parse_args(argv)
    totals = generate(args.dossiers, seed=args.seed, citizens=args.citizens, yes=args.yes)
    print(", ".join(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}"
                    for key, value in totals.items()))  # fmt: skip
    print(f"Generated {args.dossiers:,} dossiers in {totals['seconds']:.0f} s.")


if __name__ == "__main__":
    main()
