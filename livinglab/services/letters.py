"""Formal letters to a region's Sekda (the ladder's second step): numbered, dated, rendered to PDF.

A letter's number is taken once, when its first outbox row is enqueued, from a per-year sequence
(LETTER_NUMBER_FORMAT, e.g. 005/007/Diskominfo/2026) and stored: a re-run, a retry or a second
scheduler finds the same number, and the unique (year, sequence) means a number is never reused.
"""

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from livinglab import i18n
from livinglab.extensions import db
from livinglab.models import EscalationLetter
from livinglab.reporting import pdf
from livinglab.services import digests
from livinglab.services.regions import get_region

ATTEMPTS = 20  # concurrent schedulers racing for the next number of the same year


def find(scope, period_key):
    return db.session.scalar(
        select(EscalationLetter).where(EscalationLetter.scope == scope, EscalationLetter.period_key == period_key)
    )


def allocate(scope, period_key, dated_on):
    """The letter of `scope` (a region code) for `period_key`, numbered the first time it is asked for."""
    for _attempt in range(ATTEMPTS):
        letter = find(scope, period_key)
        if letter is not None:
            return letter
        year = dated_on.year
        last = db.session.scalar(select(func.max(EscalationLetter.sequence)).where(EscalationLetter.year == year))
        sequence = (last or 0) + 1
        letter = EscalationLetter(
            scope=scope,
            period_key=period_key,
            year=year,
            sequence=sequence,
            number=current_app.config["LETTER_NUMBER_FORMAT"].format(sequence=sequence, year=year),
            dated_on=dated_on,
        )
        db.session.add(letter)
        try:
            db.session.commit()
        except IntegrityError:  # another scheduler took this number or wrote this letter: look again
            db.session.rollback()
            continue
        return letter
    raise RuntimeError(f"no letter number for {scope} {period_key} after {ATTEMPTS} attempts")


def render(scope, period_key, locale):
    """The letter's PDF: host letterhead, number, date, addressed to the region's Sekda, the overdue list."""
    letter = find(scope, period_key)
    region = get_region(scope)
    host = get_region(current_app.config["HOST_REGION_CODE"])
    with i18n.reading_in(locale, region.timezone):
        return pdf.render(
            "escalation_letter.html",
            letter=letter,
            region=region,
            host=host,
            overdue=digests.overdue_list(region, letter.dated_on),
            escalation_days=current_app.config["ESCALATION_DAYS"],
            sekda_name=current_app.config["HOST_SEKDA_NAME"],
            generated=letter.dated_on,
        )
