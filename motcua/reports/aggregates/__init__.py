"""Daily aggregates of the statistics (số liệu tổng hợp theo ngày), maintained in the same
transaction as every change of a dossier, so that reports over a province and a year read
thousands of rows instead of millions of dossiers. See docs/reports.md, "Aggregates"."""
