"""The demo postal operator (bưu điện demo) and the client that speaks its protocol.

- ``protocol.py``: the wire format both sides share (JSON schemas, callback signature);
- ``operator.py``, ``views.py``, ``tasks.py``: the operator itself (the twin), served at
  ``/integrations/demo/post/``, with its own books (``models/postal_demo.py``);
- ``plugin.py``: motcua's client, which knows the operator only through HTTP."""
