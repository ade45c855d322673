"""The periods and query parameters the prior-year comparison tests share: March 2027 asked for,
compared with March 2026."""

import datetime

from motcua.reports.common import compare
from motcua.reports.common.periods import Period

MARCH_2026 = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
MARCH_2027 = Period(datetime.date(2027, 3, 1), datetime.date(2027, 3, 31))
ASKED = {"start": "2027-03-01", "end": "2027-03-31"}  # March 2027, as a page's query asks it
ON = {"compare": compare.PRIOR_YEAR}
