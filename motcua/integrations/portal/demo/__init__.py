"""The demo national portal (Cổng DVCQG mô phỏng), served by this site under
/integrations/demo/dvcqg/. It speaks the protocol of ``contrib/dvcqg``: a bearer token for its
own client account, every request validated against ``portal.schema``, answered with the portal's
own ids, idempotent per ``Idempotency-Key``, and it can be made to fail (``DEMO_DVCQG_FAIL`` or
the admin switch) so that the sync's failure paths are exercised, not imagined."""
