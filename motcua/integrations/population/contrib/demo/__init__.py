"""The demo population register: a client (``plugin``) speaking HTTP+JSON, authenticated with
HTTP Basic, to a register served by this site (``twin``, under /integrations/demo/population/)
that knows the demo citizens and a few more people (``people``). See docs/integrations.md."""
