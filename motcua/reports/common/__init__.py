"""What every report shares: the period (``periods``, with ``shift_years`` for "cùng kỳ năm
trước") and the comparison with the same period a year earlier (``compare``), which agencies a
report may be about (``scope``), the filter form of every report page (``forms``) and the
managers' access to the pages (``access``), numbers as Vietnamese readers write them
(``numbers``), the plain table every export is written from (``tables``) and the accessible SVG
bar charts (``charts``)."""
