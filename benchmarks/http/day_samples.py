"""What the mixed day's visits need, read from the stack's database in a Django process on the
stack's settings (same SECRET_KEY, Redis and database, so a session made here is one the web
instances know): a session of its own for each user — citizens who own dossiers, the desk,
specialists and leaders of the staffed units (second factor verified, as the existing
benchmark signs its officer in), managers — codes to track, procedures to file online and to
receive at the desk, and the queue samples of ``scenarios.samples``."""

from __future__ import annotations

STAFFED = ("xuanhuong", "camly")  # the demo's communes with every role (province.STAFFED_ROLES)
# Procedures a commune's citizens file most (volume.WEIGHTS): online and at the desk.
PROCEDURES = ("2.000815", "2.000884", "1.001193", "2.000635", "1.004873")
MANAGERS = ("tinh.giamsat", "xuanhuong.thongke", "camly.thongke")


def _session(user, officer: bool) -> str:
    from django.conf import settings
    from django.test import Client
    from scenarios import _second_factor_verified

    client = Client()
    client.force_login(user)
    if officer:
        _second_factor_verified(client, user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def read(citizens: int = 40, sessions_per_officer: int = 4) -> dict:
    from django.utils import timezone
    from scenarios import samples as queue_samples

    from motcua.accounts.models import User
    from motcua.catalog import selectors as catalog
    from motcua.catalog.constants import OnlineLevel
    from motcua.dossiers.constants import Status
    from motcua.dossiers.models import Dossier
    from motcua.signatures.tests.helpers import simple_pdf

    base = queue_samples()
    # Citizens with dossiers of their own (the generated ones: every volume dossier has one).
    owners = list(
        Dossier.objects.exclude(status=Status.DRAFT)
        .filter(applicant__isnull=False)
        .order_by("-pk")
        .values_list("applicant_id", flat=True)[: citizens * 20]
    )
    owner_ids = list(dict.fromkeys(owners))[:citizens]
    people = User.objects.filter(pk__in=owner_ids)
    desk = [f"{unit}.motcua" for unit in STAFFED]
    officers = [
        f"{unit}.{role}"
        for unit in STAFFED
        for role in ("motcua", "chuyenvien", "truongphong", "lanhdao")
    ]

    day_prefix = {}  # officer's session -> the code prefix of their unit's dossiers today
    today = timezone.localdate().strftime("%y%m%d")

    def staff(names):
        sessions = []
        for user in User.objects.filter(username__in=names):
            membership = user.memberships.order_by("pk").select_related("unit").first()
            for _ in range(sessions_per_officer):
                sessions.append(_session(user, True))
                if membership is not None:
                    day_prefix[sessions[-1]] = f"{membership.unit.code}-{today}"
        return sessions

    tracked = list(
        Dossier.objects.exclude(status=Status.DRAFT)
        .exclude(applicant_phone="")
        .order_by("-pk")
        .values_list("code", "applicant_phone")[:5000]
    )[::10]
    versions = [catalog.published_version_on(code) for code in PROCEDURES]
    online = [
        v.procedure.code for v in versions if v is not None and v.online_level != OnlineLevel.NONE
    ]
    return base | {
        # A one-page PDF with text on it (uploads are checked to be PDF): scans, documents,
        # results. (A blank page, without a content stream, makes the approval's QR stamp fail
        # with a 500: found by this driver, see the README.)
        "pdf": simple_pdf("Giấy tờ của người nộp"),
        "sessions": {
            "citizens": [_session(u, False) for u in people],
            "desk": staff(desk),
            "officers": staff(officers),
            "managers": staff(MANAGERS),
        },
        "day_prefix": day_prefix,
        "tracked": [(code, phone[-4:]) for code, phone in tracked],
        "online_procedures": online or list(PROCEDURES[:1]),
        "intake_versions": [v.pk for v in versions if v is not None],
    }
