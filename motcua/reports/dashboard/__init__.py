"""The live side of the managers' start page beside the 766 index: the weekly series and the
on-time rate per procedure (``trends``), and early warning (cảnh báo sớm, ``early_warning``) — the
one definition of late, about to be late and due today that the officers' work queues and start
page share with the managers' report."""
