"""Evidence age rules for the top maturity levels (PermenPANRB 59/2020), as a pure function.

* **Level 4** counts only with a **review** under 2 years old on the day of verification: evidence
  of kind `report` or `minutes` (the report or *berita acara* of the review), dated (its
  `enacted_on`) on or before that day and less than two calendar years earlier. A review exactly
  two years old no longer counts.
* **Level 5** needs that review **and a follow-up policy** enacted within one year after it:
  evidence of kind `regulation`, `decree` or `circular` (Perbup/Perwal/Pergub, SK, SE) dated on
  or after the review and at most one calendar year after it (exactly one year still counts), and
  not after the day of verification.

Undated evidence never counts for these rules. Levels 1–3 have no age rule here.
"""

from dataclasses import dataclass
from datetime import date

REVIEW_KINDS = ("report", "minutes")
FOLLOW_UP_KINDS = ("regulation", "decree", "circular")
REVIEW_MAX_YEARS = 2
FOLLOW_UP_YEARS = 1
RULE = "PermenPANRB 59/2020"


def add_years(day, years):
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Shortfall:
    """What is missing: `code` is `review_missing`, `review_too_old` or `follow_up_missing`;
    `review_on` the newest usable (or, for `review_too_old`, the newest) review date, `expired_on`
    the day it stopped counting, `follow_up_by` the last day a follow-up policy could be enacted."""

    code: str
    level: int
    review_on: date | None = None
    expired_on: date | None = None
    follow_up_by: date | None = None


def _dated(evidence, kinds, on):
    return sorted(day for kind, day in evidence if kind in kinds and isinstance(day, date) and day <= on)


def review_counts(review_on, on):
    """A review dated `review_on` still counts on `on` (under two years old, not in the future)."""
    return review_on <= on < add_years(review_on, REVIEW_MAX_YEARS)


def shortfall(level, evidence, on):
    """None when `evidence` ((kind, date) pairs) supports verifying `level` on day `on`; otherwise
    the Shortfall that says what is missing."""
    if level is None or level < 4:
        return None
    reviews = _dated(evidence, REVIEW_KINDS, on)
    if not reviews:
        return Shortfall("review_missing", level)
    usable = [day for day in reviews if review_counts(day, on)]
    if not usable:
        newest = reviews[-1]
        return Shortfall("review_too_old", level, review_on=newest, expired_on=add_years(newest, REVIEW_MAX_YEARS))
    if level < 5:
        return None
    policies = _dated(evidence, FOLLOW_UP_KINDS, on)
    for review_on in reversed(usable):
        deadline = add_years(review_on, FOLLOW_UP_YEARS)
        if any(review_on <= day <= deadline for day in policies):
            return None
    newest = usable[-1]
    return Shortfall("follow_up_missing", level, review_on=newest, follow_up_by=add_years(newest, FOLLOW_UP_YEARS))
