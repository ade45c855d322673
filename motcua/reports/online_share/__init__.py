"""The online filing share per desk and day (tỷ lệ hồ sơ nộp trực tuyến), the measure of
paperless days and assisted online filing: the report (``report``) and its page and CSV
(``views``)."""
