"""The public postal service (dịch vụ bưu chính công ích): a plugin per postal operator
(``base.py``, ``registry.py``, ``contrib/<name>/``), motcua's orders and their status history
(``services.py``), the operator's callback (``views.py``) and the pull (``postal_poll``)."""
