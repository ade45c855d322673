"""Running motcua as a service (vận hành): health endpoints, Prometheus metrics, request ids in
logs and tasks, the reports' read replica and the object store's address (issue #19)."""
