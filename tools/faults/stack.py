"""The small stack the fault drill runs against, all of it started (and killed) here: a
PostgreSQL database on the machine's server, a Redis server and an S3-compatible store (moto's
server) of its own, the store reached through a TCP relay (HAProxy) so that "the store is
down" is the relay killed while the store keeps its objects, two gunicorn instances behind
HAProxy, two task workers, and for the full-disk scenario a third gunicorn writing files to a
2 MB tmpfs. Nothing of the machine's own services is touched."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "var" / "faults"
PY = str(ROOT / ".venv" / "bin" / "python")
PG = os.environ.get("FAULTS_PG_URL", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("FAULTS_DB", "motcua_faults_run")
LB, WEB, DISK_WEB = 8190, (8191, 8192), 8193
REDIS_PORT, S3_PORT, S3_RELAY = 6391, 9191, 9192
BUCKET = "motcua-faults"
DISK = RUN / "disk"


def integrations() -> dict[str, str]:
    """The national systems are the project's demo twins inside the same site, as in
    tools/stack/stack.sh: each shared secret made here (both sides read it)."""
    sys.path.insert(0, str(ROOT))
    from motcua.integrations.portal import conf

    pairs = {
        ("POPULATION_CLIENT_SECRET", "DEMO_POPULATION_CLIENT_SECRET"): secrets.token_urlsafe(24),
        ("POSTAL_DEMO_API_KEY", "DEMO_POST_API_KEY"): secrets.token_urlsafe(24),
        ("POSTAL_DEMO_CALLBACK_SECRET", "DEMO_POST_CALLBACK_SECRET"): secrets.token_urlsafe(24),
        ("PAYMENT_DEMO_SECRET",): secrets.token_urlsafe(32),
        ("DVCQG_CLIENT_ID",): conf.DEMO_CLIENT_ID,
        ("DVCQG_CLIENT_SECRET",): conf.DEMO_CLIENT_SECRET,
    }
    values = {name: value for names, value in pairs.items() for name in names}
    return values | {"DEMO_DVCQG_ENABLED": "true"}


def env() -> dict[str, str]:
    RUN.mkdir(parents=True, exist_ok=True)
    secret = RUN / "secret"
    if not secret.exists():
        secret.write_text(secrets.token_urlsafe(50))
    (RUN / "prometheus").mkdir(exist_ok=True)
    return (
        os.environ
        | integrations()
        | {
            "SITE_URL": f"http://127.0.0.1:{LB}",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{LB}",
            "DEBUG": "false",
            "SECRET_KEY": secret.read_text(),
            "DATABASE_URL": f"{PG}/{DB}",
            "DB_CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "REDIS_KEY_PREFIX": "motcua-faults",
            "STORAGE_URL": f"s3://{BUCKET}?endpoint_url=http://127.0.0.1:{S3_RELAY}&region_name=us-east-1",
            "AWS_ACCESS_KEY_ID": "motcua-faults",
            "AWS_SECRET_ACCESS_KEY": "motcua-faults-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_COOKIES": "false",
            "STATIC_ROOT": str(RUN / "static"),
            "VAR_DIR": str(RUN),
            "LOG_FORMAT": "json",
            "PROMETHEUS_MULTIPROC_DIR": str(RUN / "prometheus"),
            # A killed worker's task is put back after this lease (120 s in production).
            "TASK_LEASE_SECONDS": "8",
            "WEB_WORKERS": "2",
            "WEB_THREADS": "4",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )


class Stack:
    def __init__(self):
        self.env = env()
        self.procs: dict[str, subprocess.Popen] = {}

    # --- processes ---
    def start(self, name: str, argv: list[str], environ=None) -> subprocess.Popen:
        log = open(RUN / f"{name}.log", "ab")  # noqa: SIM115 - kept open with the process
        proc = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=environ or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs[name] = proc
        return proc

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        proc = self.procs.pop(name, None)
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, sig)
            try:
                proc.wait(40)  # gunicorn's graceful timeout is 30 s
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)

    def stop_all(self) -> None:
        for name in list(self.procs):
            self.kill(name, signal.SIGTERM)
        subprocess.run(["umount", str(DISK)], capture_output=True)

    def manage(self, *args: str, environ=None) -> None:
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=environ or self.env, check=True)

    # --- parts ---
    def database(self, fresh: bool) -> None:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [DB]).fetchone()
            if exists and fresh:
                conn.execute(f'DROP DATABASE "{DB}" WITH (FORCE)')
                exists = None
            if not exists:
                conn.execute(f'CREATE DATABASE "{DB}"')
        self.manage("migrate", "--no-input", "-v", "0")
        with psycopg.connect(f"{PG}/{DB}") as conn:
            demo = conn.execute(
                "SELECT 1 FROM accounts_user WHERE username = %s", ["xuanhuong.motcua"]
            ).fetchone()
        if not demo:
            self.manage("demo", "--dossiers", "5", "--quiet")
        if not (RUN / "static" / "staticfiles.json").exists():
            self.manage("collectstatic", "--no-input", "-v", "0")

    def redis(self) -> None:
        self.start(
            "redis",
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", ""],
        )
        wait(lambda: _redis_ping(), 10, "redis")

    def s3(self) -> None:
        self.start(
            "s3", [str(ROOT / ".venv/bin/moto_server"), "-H", "127.0.0.1", "-p", str(S3_PORT)]
        )
        wait(lambda: _http_ok(f"http://127.0.0.1:{S3_PORT}/moto-api/"), 30, "moto")
        self.s3_relay()
        client = self.s3_client()
        if BUCKET not in [b["Name"] for b in client.list_buckets()["Buckets"]]:
            client.create_bucket(Bucket=BUCKET)

    def s3_relay(self) -> None:
        cfg = RUN / "s3relay.cfg"
        cfg.write_text(
            "defaults\n  mode tcp\n  timeout connect 2s\n  timeout client 30s\n"
            "  timeout server 30s\n"
            f"frontend s3\n  bind 127.0.0.1:{S3_RELAY}\n  default_backend moto\n"
            f"backend moto\n  server moto 127.0.0.1:{S3_PORT}\n"
        )
        self.start("s3relay", ["haproxy", "-db", "-f", str(cfg)])
        wait(lambda: _http_ok(f"http://127.0.0.1:{S3_RELAY}/moto-api/"), 10, "s3 relay")

    @staticmethod
    def s3_client():
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{S3_PORT}",  # the store itself, not the relay
            region_name="us-east-1",
            aws_access_key_id="motcua-faults",
            aws_secret_access_key="motcua-faults-secret",
        )

    def web(self, index: int) -> None:
        port = WEB[index - 1]
        self.start(
            f"web{index}",
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "motcua.wsgi",
                "-c",
                "tools/stack/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--name",
                f"motcua-faults-web{index}",
            ],
        )

    def balancer(self) -> None:
        text = (ROOT / "tools/stack/haproxy.cfg.in").read_text()
        servers = "".join(f"    server web{i} 127.0.0.1:{p}\n" for i, p in enumerate(WEB, 1))
        servers += "".join(
            f"    server web{i}-fallback 127.0.0.1:{p} backup no-check\n"
            for i, p in enumerate(WEB, 1)
        )
        text = text.replace("@BIND@", f"127.0.0.1:{LB}").replace("@MAX_BODY@", str(101 << 20))
        text = text.replace("@ADMIN_SOCKET@", str(RUN / "haproxy.sock"))
        cfg = RUN / "haproxy.cfg"
        cfg.write_text(text.replace("@SERVERS@", servers))
        self.start("balancer", ["haproxy", "-db", "-f", str(cfg)])

    def worker(self, index: int) -> None:
        self.start(
            f"worker{index}",
            [
                PY,
                "manage.py",
                "db_worker",
                "--interval",
                "0.5",
                "--no-reload",
                "--worker-id",
                f"faults-w{index}",
            ],
        )

    def disk_web(self) -> None:
        """A gunicorn writing uploads to the local folder on a 2 MB tmpfs (no S3)."""
        DISK.mkdir(parents=True, exist_ok=True)
        subprocess.run(["umount", str(DISK)], capture_output=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(DISK)], check=True)
        environ = {k: v for k, v in self.env.items() if k != "STORAGE_URL"}
        environ["MEDIA_ROOT"] = str(DISK)
        self.start(
            "diskweb",
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "motcua.wsgi",
                "--workers",
                "2",
                "--threads",
                "4",
                "--bind",
                f"127.0.0.1:{DISK_WEB}",
            ],
            environ,
        )
        wait(lambda: _http_ok(f"http://127.0.0.1:{DISK_WEB}/health/live"), 60, "disk web")

    def up(self, fresh: bool) -> None:
        self.redis()
        self.s3()
        self.database(fresh)
        for index in (1, 2):
            self.web(index)
            self.worker(index)
        self.balancer()
        wait(lambda: _http_ok(f"http://127.0.0.1:{LB}/health/ready"), 90, "the stack")


def _redis_ping() -> bool:
    import redis

    try:
        return bool(redis.Redis(port=REDIS_PORT, socket_connect_timeout=0.5).ping())
    except redis.exceptions.RedisError:
        return False


def _http_ok(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def wait(check, seconds: float, what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.1)
    raise RuntimeError(f"{what} not ready within {seconds} s (logs: var/faults/)")
