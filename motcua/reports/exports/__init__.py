"""Report files (xuất báo cáo): a report table written as CSV, XLSX or PDF (``writers``), built
in the background with its progress, stored with its SHA-256 and downloaded by its requester
only (``jobs``; the task itself stays ``motcua.reports.tasks.build_export``, the name stored in
the queue), and the pages that start an export, follow it and download the file (``views``)."""
