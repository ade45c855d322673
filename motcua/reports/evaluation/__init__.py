"""The evaluation of officers and units under the nine indices of TT 01/2018/TT-VPCP Arts. 13–15
(đánh giá việc giải quyết TTHC, domain.md §12.1): the dated rules and bands (``rules``), the
points of each index as pure functions (``indices``), what the system holds about each evaluated
dossier (``data``), the scores and bands per unit and per officer (``report``) and the managers'
page with its CSV (``views``)."""
