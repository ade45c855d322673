"""Decree 13/2023/NĐ-CP on personal data protection: the duties the breach register supports."""

import datetime

# Decree 13/2023 art. 23(1): the Ministry of Public Security (Cục An ninh mạng và phòng, chống
# tội phạm sử dụng công nghệ cao, A05) is notified within 72 hours of the breach.
NOTIFY_WITHIN = datetime.timedelta(hours=72)
# An open incident is shown as urgent when less than this is left before the deadline.
URGENT_WITHIN = datetime.timedelta(hours=24)


class Standing:
    """Where an incident stands against its notification deadline (its colour in the admin)."""

    ON_TIME = "on-time"  # notified before the deadline
    LATE = "late"  # notified after it (the reason is recorded)
    OVERDUE = "overdue"  # not notified, deadline passed
    URGENT = "urgent"  # not notified, under 24 hours left
    OPEN = "open"  # not notified, more time left
