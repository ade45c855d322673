"""The Decision 766/QĐ-TTg index (bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ
người dân, doanh nghiệp; domain.md §9): the index of an agency subtree over a period with every
indicator, group and the total out of 100 (``report``), under the dated indicator configuration
(``seeding`` writes the two known ones); the indicators counted over the catalogue, the dossiers
and the feedback (``catalogue_indicators``, ``dossier_indicators``,
``satisfaction_indicators``), each listing what it counts (``items``) for the drill-down; the
scoring rule (``scoring``); the ranking of the units directly under an agency (``ranking``); and
the managers' start page with the index, its drill-down, the ranking and the dashboard
(``views``)."""
