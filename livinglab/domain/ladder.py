"""The reminder ladder: how far a region's overdue work has climbed, in steps of ESCALATION_DAYS.

Step 0: the weekly digest goes to the region's officers. Step 1 (the oldest overdue milestone is
late by at least ESCALATION_DAYS): the digest also goes to the heads of agency. Step 2 (twice
that): a numbered formal letter to the region's Sekda. Step 3 (three times): the region is listed
in the monthly summary to its province and the ministries.
"""

HEAD_OF_AGENCY, LETTER, MONTHLY = 1, 2, 3
TOP = MONTHLY


def overdue_days(dues, day):
    """Days the oldest of `dues` (due dates of open milestones, None allowed) is late on `day`; 0 if none."""
    return max(((day - due).days for due in dues if due and due < day), default=0)


def step(days, escalation_days):
    """The ladder step reached by work `days` late (0 to TOP); never above 0 when escalation is off."""
    if escalation_days <= 0:
        return 0
    return min(TOP, days // escalation_days)
