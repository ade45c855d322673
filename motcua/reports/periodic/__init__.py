"""The periodic resolution report (báo cáo tình hình giải quyết TTHC, domain.md §8.1): per unit
and per field, received (carried over and new by channel) against processed (early, on time,
late), in progress and paused, with the balance identity checked on every row (``report``), and
its page with the same period a year earlier beside it on request (``views``)."""
