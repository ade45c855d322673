"""Webhooks of API v1: subscribers told of dossier events, signed with HMAC-SHA256 over
``timestamp.body``, delivered from an outbox after commit, retried with backoff (docs/api.md)."""
