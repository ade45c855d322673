"""Transferred size of the main portal pages: HTML as sent and gzip-compressed (what a weak
mobile network carries), plus the stylesheet, for the demo catalogue and a citizen with one
dossier. Run with `python benchmarks/bench_portal_pages.py`. Prints figures, never fails.
Uses a throwaway SQLite database under a temporary directory.
"""

import gzip
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "1")
_TMP = tempfile.TemporaryDirectory()
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP.name}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{_TMP.name}/media"


def _size(content: bytes) -> tuple[int, int]:
    return len(content), len(gzip.compress(content, compresslevel=6))


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("demo", quiet=True)

    from motcua.accounts.models import User, UserKind
    from motcua.catalog import selectors as catalog
    from motcua.catalog.constants import OnlineLevel
    from motcua.documents.services import store_file
    from motcua.dossiers import services
    from motcua.dossiers.services import ComponentInput

    citizen = User.objects.filter(kind=UserKind.CITIZEN, citizen_profile__isnull=False).first()
    version = (
        catalog.in_force()
        .exclude(online_level=OnlineLevel.NONE)
        .order_by("procedure__code")
        .first()
    )
    agency = catalog.executing_agencies(version).filter(runs_one_stop_desk=True).first()
    paper = store_file(
        b"%PDF-1.4 " + b"x" * 2000,
        name="to-khai.pdf",
        content_type="application/pdf",
        uploaded_by=citizen,
        owner=citizen,
    )
    components = [
        ComponentInput(name=c.name, component=c, files=[paper]) for c in version.components.all()
    ]
    dossier = services.submit_online(
        actor=citizen,
        procedure_version=version,
        receiving_unit=agency,
        resolving_agency=agency,
        components=components,
    )
    draft = services.save_draft(
        actor=citizen, procedure_version=version, receiving_unit=agency, resolving_agency=agency
    )

    anonymous, signed_in = Client(), Client()
    signed_in.force_login(citizen)
    code = version.procedure.code
    pages = [
        ("Trang chủ", anonymous, "/"),
        ("Tra cứu thủ tục", anonymous, "/procedures/"),
        ("Trang thủ tục", anonymous, f"/procedures/{code}/"),
        ("Đăng nhập", anonymous, "/accounts/login/"),
        ("Đăng ký", anonymous, "/accounts/register/"),
        ("Tra cứu hồ sơ (QR)", anonymous, f"/track/?code={dossier.code}"),
        ("Hồ sơ của tôi", signed_in, "/my/dossiers/"),
        ("Chi tiết hồ sơ", signed_in, f"/my/dossiers/{dossier.code}/"),
        ("Kho dữ liệu", signed_in, "/my/store/"),
        ("Nộp: nơi nộp", signed_in, f"/apply/{code}/"),
        ("Nộp: người nộp", signed_in, f"/my/drafts/{draft.pk}/applicant/"),
        ("Nộp: giấy tờ", signed_in, f"/my/drafts/{draft.pk}/documents/"),
        ("Nộp: nhận kết quả", signed_in, f"/my/drafts/{draft.pk}/delivery/"),
        ("Nộp: xem lại", signed_in, f"/my/drafts/{draft.pk}/"),
    ]
    print(f"{'page':<22} {'status':>6} {'HTML bytes':>11} {'gzip bytes':>11}")
    for label, client, path in pages:
        response = client.get(path)
        raw, packed = _size(response.content)
        print(f"{label:<22} {response.status_code:>6} {raw:>11,} {packed:>11,}")
    css = Path(__file__).resolve().parent.parent / "motcua/static/motcua/site.css"
    raw, packed = _size(css.read_bytes())
    print(f"{'site.css (cached)':<22} {'':>6} {raw:>11,} {packed:>11,}")
    print("No JavaScript is sent by any of these pages.")


if __name__ == "__main__":
    main()
