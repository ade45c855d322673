"""The national portal sync (issue #15): what one state change costs in its own transaction (the
two outbox rows), and how fast a worker delivers the queue to the demo national portal — the
catch-up after an outage, when every dossier has several messages waiting. Run with
`python benchmarks/bench_portal_sync.py [--dossiers 150]`. Prints figures, never fails. Uses a
throwaway SQLite database under a temporary directory (set DATABASE_URL to a PostgreSQL database
whose name contains "bench" to measure there); the demo portal is answered in-process, so the
figure is motcua's side plus the twin's, without the network.
"""

import argparse
import datetime
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "1")
_TMP = tempfile.TemporaryDirectory()
if "bench" not in os.environ.get("DATABASE_URL", ""):
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP.name}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{_TMP.name}/media"
os.environ["VAR_DIR"] = _TMP.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=150)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from motcua.dossiers import services
    from motcua.dossiers.models import Dossier
    from motcua.integrations.models import DemoPortalDossier, PortalMessage
    from motcua.integrations.portal import outbox

    call_command("migrate", verbosity=0)
    os.environ["DVCQG_PLUGIN"] = "off"  # queue only while the workload is simulated
    started = time.perf_counter()
    call_command("demo", "--dossiers", str(args.dossiers), "--quiet", stdout=io.StringIO())
    print(f"demo workload of {args.dossiers} dossiers: {time.perf_counter() - started:.1f} s")
    os.environ.pop("DVCQG_PLUGIN")

    # The cost of the outbox inside one state change: queries of the enqueue alone.
    dossier = Dossier.objects.filter(status="received").first()
    if dossier is not None:
        from motcua.dossiers.models import Event

        event = Event.objects.filter(dossier=dossier).order_by("-sequence").first()
        with CaptureQueriesContext(connection) as counted:
            outbox.enqueue_event(event)
        print(f"outbox rows written with one event: {len(counted.captured_queries)} queries")

    waiting = PortalMessage.objects.filter(state="pending").count()
    dossiers = PortalMessage.objects.values("dossier").distinct().count()
    started = time.perf_counter()
    delivered = outbox.drain(now=timezone.now() + datetime.timedelta(seconds=1))
    elapsed = time.perf_counter() - started
    superseded = PortalMessage.objects.filter(superseded=True).count()
    print(
        f"catch-up: {waiting} messages of {dossiers} dossiers waiting; {delivered} sent "
        f"({superseded} records superseded, not sent) in {elapsed:.1f} s: "
        f"{delivered / elapsed:.0f} sent/s, {dossiers / elapsed:.1f} dossiers/s"
    )
    print(f"dossiers held by the demo portal: {DemoPortalDossier.objects.count()}")
    _ = services  # the workload goes through the services (via the demo command)


if __name__ == "__main__":
    main()
