"""Real servers for the shared-state tests: an S3-compatible store (moto's server mode, started
here on a free port) and the machine's Redis (127.0.0.1:6379, database 15, a key prefix of its
own; skipped when not reachable, except in CI where it must be)."""

from __future__ import annotations

import os
import socket
import uuid

import pytest

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    """The address of a running S3-compatible server (moto), for the whole session."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:  # pragma: no cover - moto[server] is in requirements/dev.txt
        pytest.skip("moto[server] is not installed (pip install -r requirements/dev.txt)")
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield server, f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_storage(s3_server, settings, monkeypatch):
    """The default storage on a fresh bucket of the S3 server, configured by STORAGE_URL's
    parser as in production; yields a boto3 client to look at the bucket directly."""
    import boto3

    from motcua.operations.storage_url import storage_from_url

    _server, endpoint = s3_server
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "motcua-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "motcua-test-secret")
    bucket = f"motcua-test-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="motcua-test",
        aws_secret_access_key="motcua-test-secret",
    )
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_from_url(f"s3://{bucket}?endpoint_url={endpoint}&region_name=us-east-1"),
    }
    client.bucket = bucket
    return client


def _redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_TEST_URL} (CI has one; set REDIS_TEST_URL)")
    return client


@pytest.fixture
def redis_caches(settings):
    """Both caches and the sessions on Redis as REDIS_URL configures them (settings.py), with a
    key prefix used by this test only; its keys are deleted afterwards."""
    client = _redis_or_skip()
    prefix = f"motcua-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
        },
        "throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": f"{prefix}:throttle",
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.prefix = prefix
    yield client
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)
