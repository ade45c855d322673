"""gunicorn settings of the production stack (tools/stack/stack.sh); bind and name come from the
command line. Several processes each, threads for requests waiting on the database or the
store; the client's address arrives through the PROXY protocol from the load balancer."""

import os

workers = int(os.environ.get("WEB_WORKERS", "3"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 60
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (bounded memory growth), not all at once.
max_requests = 2000
max_requests_jitter = 200
# HAProxy sends the client's address with the PROXY protocol v2; REMOTE_ADDR is then the
# client's, which every rate limit counts by. Only the balancer's address may send it.
proxy_protocol = "v2"
proxy_allow_ips = os.environ.get("PROXY_ALLOW_IPS", "127.0.0.1")
forwarded_allow_ips = proxy_allow_ips
accesslog = None  # the application writes one JSON line a request itself
errorlog = "-"
preload_app = True


def child_exit(server, worker):
    # Metrics of a worker that ended are kept (counters) but its gauges are dropped.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
