"""Official SPBE evaluation results: loaded in bulk (every row checked, all written or none, a
second load of the same rows changes nothing) and read per region.

The predicate is never typed in: it follows from the index by the predicate bands of the index
framework (catalogue data, `scoring.predicate`), the one rule the estimates use too.
A row's levels replace the stored levels of that region and year; a row without any level
leaves them as they are (the decree publishes the index alone; levels come from the detailed
report), and so does a row without an evaluation date.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from livinglab import policy
from livinglab.domain import periods, scoring
from livinglab.errors import Conflict, Invalid
from livinglab.extensions import db
from livinglab.models import Evaluation, EvaluationLevel, Framework, Practice, PredicateBand, Region
from livinglab.models.base import utcnow
from livinglab.services import audit, evaluation_files, monitoring
from livinglab.services.evaluation_files import EvaluationInput
from livinglab.services.lookups import RegionLookup
from livinglab.services.regions import get_region
from livinglab.services.row_reports import RowReport, RowResult

FIRST_YEAR = 2018  # the first SPBE evaluation under Perpres 95/2018
MAX_SOURCE = 200
TWO_PLACES = Decimal("0.01")
OUTCOMES = ("created", "updated", "unchanged", "rejected")

__all__ = [
    "EvaluationInput",
    "confirm_file",
    "import_file",
    "import_results",
    "preview_file",
    "region_evaluations",
    "results",
]


@dataclass
class EvaluationRow(RowResult):
    outcome: str = "rejected"  # created, updated, unchanged or rejected
    region_name: str | None = None
    year: int | None = None
    index: Decimal | None = None
    predicate: str | None = None


@dataclass
class EvaluationReport(RowReport):
    dry_run: bool = False

    def count(self, outcome):
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self):
        return {outcome: self.count(outcome) for outcome in OUTCOMES}

    @property
    def changes(self):
        return self.count("created") + self.count("updated")


@dataclass
class _Catalogue:
    practices: dict  # indicator code → practice id
    bands: list  # [(min_score, label)]


def _catalogue():
    code = current_app.config.get("INDEX_FRAMEWORK", monitoring.INDEX_FRAMEWORK)
    framework_id = db.session.scalar(select(Framework.id).where(Framework.code == code))
    practices = dict(
        db.session.execute(
            select(Practice.code, Practice.id)
            .where(Practice.framework_id == framework_id, Practice.active.is_(True))
            .order_by(Practice.position)
        ).all()
    )
    bands = db.session.execute(
        select(PredicateBand.min_score, PredicateBand.label).where(PredicateBand.framework_id == framework_id)
    ).all()
    return _Catalogue(practices, [tuple(band) for band in bands])


def indicator_codes():
    """The indicator columns an import accepts, in catalogue order."""
    return list(_catalogue().practices)


def import_file(actor, data, *, year=None, source=None, evaluated_on=None, dry_run=False):
    """`import_results` for the rows of an XLSX or CSV file (Invalid for an unreadable file or header)."""
    policy.ensure(actor, "evaluations.import")
    inputs = evaluation_files.read_inputs(data, indicator_codes())
    return import_results(actor, inputs, year=year, source=source, evaluated_on=evaluated_on, dry_run=dry_run)


def preview_file(actor, data, *, year=None, source=None, evaluated_on=None):
    """Check a file without writing: (report, reference). The file is kept (content-addressed) and
    its reference returned only when it can be confirmed: no row rejected and something changes."""
    report = import_file(actor, data, year=year, source=source, evaluated_on=evaluated_on, dry_run=True)
    confirmable = report.rows and not report.rejected and report.changes
    return report, evaluation_files.keep(data) if confirmable else None


def confirm_file(actor, reference, *, year=None, source=None, evaluated_on=None):
    """Load a file kept by `preview_file`, checked again against what is stored now."""
    policy.ensure(actor, "evaluations.import")
    data = evaluation_files.kept(reference)
    return import_file(actor, data, year=year, source=source, evaluated_on=evaluated_on)


def import_results(actor, inputs, *, year=None, source=None, evaluated_on=None, dry_run=False):
    """Check every row; unless one is rejected (or it is a dry run) write them all in one transaction.

    `year`, `source` and `evaluated_on` apply to every row that does not give its own; a row that
    gives a different one is rejected. Returns an `EvaluationReport` (`saved` = rows written).
    """
    policy.ensure(actor, "evaluations.import")
    if len(inputs) > current_app.config["IMPORT_MAX_ROWS"]:
        message = _("At most %(n)s rows can be loaded at once.", n=current_app.config["IMPORT_MAX_ROWS"])
        raise Invalid(message, {"rows": message})
    catalogue = _catalogue()
    lookup = RegionLookup()
    report = EvaluationReport(dry_run=dry_run)
    checked, first_row = [], {}
    for item in inputs:
        values, reasons = _check(item, lookup, catalogue, year, source, evaluated_on)
        if values and (values["region"].id, values["year"]) in first_row:
            reasons.append(
                _(
                    "%(region)s appears more than once for %(year)s (first on row %(row)s).",
                    region=values["region"].name,
                    year=values["year"],
                    row=first_row[(values["region"].id, values["year"])],
                )
            )
        elif values:
            first_row[(values["region"].id, values["year"])] = item.row
        report.rows.append(_row_result(item, values, reasons, year))
        checked.append((values, reasons))
    stored = _stored(set(first_row))
    for result, (values, reasons) in zip(report.rows, checked, strict=True):
        if not reasons:
            result.outcome = _outcome(stored.get((values["region"].id, values["year"])), values)
            result.message = _outcome_message(result.outcome, values)
    if report.rejected or not report.rows or dry_run or not report.changes:
        db.session.rollback()
        return report
    _write(actor, report, [values for values, _reasons in checked], stored, catalogue, year, source)
    report.saved = report.changes
    return report


def _row_result(item, values, reasons, default_year):
    region = values["region"] if values else None
    given_year = item.year if item.year not in (None, "") else default_year
    return EvaluationRow(
        row=item.row,
        subject=region.code if region else str(item.region or ""),
        ok=not reasons,
        message="; ".join(reasons),
        region_name=region.name if region else None,
        year=values["year"] if values else _whole_number(given_year),
        index=values["index"] if values else None,
        predicate=values["predicate"] if values else None,
    )


def _check(item, lookup, catalogue, default_year, default_source, default_date):
    """(values, reasons): the checked values of one row, or None and why it is rejected."""
    reasons = []
    region = lookup.find(item.region) if item.region not in (None, "") else None
    if region is None:
        reasons.append(
            _("Unknown region: %(region)s", region=item.region)
            if item.region not in (None, "")
            else _("The region is missing.")
        )
    year = _choose(item.year, default_year, "year", reasons)
    year = _year(year, reasons)
    source = _choose(item.source, default_source, "source", reasons)
    source = str(source).strip() if source not in (None, "") else None
    if source is None:
        reasons.append(_("The source (the decree, e.g. KepmenPANRB 13/2024) is missing."))
    elif len(source) > MAX_SOURCE:
        reasons.append(_("The source is longer than %(n)s characters.", n=MAX_SOURCE))
    evaluated_on = _evaluated_on(_choose(item.evaluated_on, default_date, "evaluated_on", reasons), reasons)
    index = _index(item.index, reasons)
    levels = _levels(item.levels, catalogue, reasons)
    if reasons:
        return None, reasons
    values = {
        "region": region,
        "year": year,
        "index": index,
        "predicate": scoring.predicate(index, catalogue.bands),
        "source": source,
        "evaluated_on": evaluated_on,
        "levels": levels,
    }
    return values, reasons


def _choose(own, default, name, reasons):
    """The row's own value, else the import's; both given and different is a contradiction."""
    if own in (None, ""):
        return default
    if default in (None, "") or str(own).strip() == str(default).strip():
        return own
    if _whole_number(own) is not None and _whole_number(own) == _whole_number(default):
        return own  # 2023 and 2023.0
    reasons.append(
        _(
            "The row's %(column)s (%(own)s) differs from the one chosen for the import (%(chosen)s).",
            column=name,
            own=own,
            chosen=default,
        )
    )
    return own


def _whole_number(value):
    """An integer from 3, 3.0, "3" or " 3 "; None for anything else (2.5, "x", True)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or number.adjusted() > 9 or number != number.to_integral_value():
        return None  # not whole, or too large to mean a year or a level (no 10**999999 ints)
    return int(number)


def _today():
    """Today's date where it is latest in Indonesia (WIT): nothing dated today anywhere there is "future"."""
    return periods.local(utcnow(), "WIT").date()


def _year(value, reasons):
    if value in (None, ""):
        reasons.append(_("The year is missing."))
        return None
    year = _whole_number(value)
    if year is None:
        reasons.append(_("The year is not a whole number: %(value)s", value=value))
    elif year > _today().year:
        reasons.append(_("The year %(year)s is in the future.", year=year))
    elif year < FIRST_YEAR:
        reasons.append(
            _("The year %(year)s is before the first SPBE evaluation (%(first)s).", year=year, first=FIRST_YEAR)
        )
    else:
        return year
    return None


def _index(value, reasons):
    if value in (None, ""):
        reasons.append(_("The index is missing."))
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        reasons.append(_("The index is not a number: %(value)s", value=value))
    elif not Decimal(0) <= number <= Decimal(5):
        reasons.append(_("The index %(value)s is outside 0–5.", value=value))
    elif number != number.quantize(TWO_PLACES):
        reasons.append(_("The index has more than two decimals: %(value)s", value=value))
    else:
        return number.quantize(TWO_PLACES)
    return None


def _evaluated_on(value, reasons):
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value).strip())
        except ValueError:
            reasons.append(_("The evaluation date is not a date (use YYYY-MM-DD): %(value)s", value=value))
            return None
    if value > _today():
        reasons.append(_("The evaluation date %(value)s is in the future.", value=value.isoformat()))
    elif value.year < FIRST_YEAR:
        reasons.append(_("The evaluation date %(value)s is before the first SPBE evaluation.", value=value.isoformat()))
    else:
        return value
    return None


def _levels(given, catalogue, reasons):
    levels = {}
    for raw_code, raw_level in (given or {}).items():
        code = str(raw_code).strip().upper()
        if code not in catalogue.practices:
            reasons.append(_("Unknown indicator: %(code)s", code=raw_code))
            continue
        level = _whole_number(raw_level)
        if level is None or not 1 <= level <= 5:
            reasons.append(
                _("The level of %(code)s must be a whole number from 1 to 5: %(value)s", code=code, value=raw_level)
            )
            continue
        levels[code] = level
    return levels


def _stored(keys):
    """The stored evaluations for (region id, year) pairs, with their levels."""
    if not keys:
        return {}
    rows = db.session.scalars(
        select(Evaluation)
        .where(tuple_(Evaluation.region_id, Evaluation.year).in_(sorted(keys)))
        .options(selectinload(Evaluation.levels))
    ).all()
    return {(row.region_id, row.year): row for row in rows}


def _outcome(existing, values):
    if existing is None:
        return "created"
    same = (
        existing.spbe_index == values["index"]
        and existing.predicate == values["predicate"]
        and existing.source == values["source"]
        and (values["evaluated_on"] is None or existing.evaluated_on == values["evaluated_on"])
        and (not values["levels"] or existing.level_map() == values["levels"])
    )
    return "unchanged" if same else "updated"


def _outcome_message(outcome, values):
    levels = len(values["levels"])
    return {
        "created": _("New result, %(n)s indicator levels.", n=levels),
        "updated": _("Replaces the stored result, %(n)s indicator levels.", n=levels)
        if levels
        else _("Replaces the stored result; stored levels are kept."),
        "unchanged": _("Same as the stored result."),
    }[outcome]


def _write(actor, report, checked, stored, catalogue, default_year, default_source):
    now = utcnow()
    before, created, updated = {}, [], []
    for result, values in zip(report.rows, checked, strict=True):
        if result.outcome not in ("created", "updated"):
            continue
        key = f"{values['region'].code}/{values['year']}"
        evaluation = stored.get((values["region"].id, values["year"]))
        if evaluation is None:
            evaluation = Evaluation(region=values["region"], year=values["year"], created_at=now)
            db.session.add(evaluation)
            created.append(key)
        else:
            before[key] = _summary(evaluation)
            updated.append(key)
        evaluation.spbe_index = values["index"]
        evaluation.predicate = values["predicate"]
        evaluation.source = values["source"]
        if values["evaluated_on"] is not None:
            evaluation.evaluated_on = values["evaluated_on"]
        if values["levels"]:
            _replace_levels(evaluation, values["levels"], catalogue)
        evaluation.updated_at = now
    audit.record(
        actor,
        "evaluations.import",
        ("Evaluation", None),
        before=before or None,
        after={"year": default_year, "source": default_source, "created": created, "updated": updated},
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_("Someone else loaded results for the same regions at the same moment; try again.")) from None


def _replace_levels(evaluation, levels, catalogue):
    current = {item.practice_id: item for item in evaluation.levels}
    wanted = {catalogue.practices[code]: level for code, level in levels.items()}
    for practice_id, item in current.items():
        if practice_id not in wanted:
            evaluation.levels.remove(item)
    for practice_id, level in wanted.items():
        if practice_id in current:
            current[practice_id].level = level
        else:
            evaluation.levels.append(EvaluationLevel(practice_id=practice_id, level=level))


def _summary(evaluation):
    return {
        "index": None if evaluation.spbe_index is None else str(evaluation.spbe_index),
        "source": evaluation.source,
        "evaluated_on": evaluation.evaluated_on.isoformat() if evaluation.evaluated_on else None,
        "levels": evaluation.level_map(),
    }


# --- reading ---------------------------------------------------------------------------------------


def _newest_first():
    return (Evaluation.year.is_(None), Evaluation.year.desc())


def region_evaluations(actor, code):
    """(region, its evaluations newest first, with levels); region officers: their own region only."""
    policy.ensure(actor, "evaluations.view")
    region = get_region(code)
    policy.ensure_region_access(actor, region.id)
    rows = db.session.scalars(
        select(Evaluation)
        .where(Evaluation.region_id == region.id)
        .options(selectinload(Evaluation.levels))
        .order_by(*_newest_first())
    ).all()
    return region, rows


def results(actor, *, year=None, page=1, per_page=50):
    """One page of results (one year, or all), by region code; plus the years on record."""
    policy.ensure(actor, "evaluations.view")
    statement = policy.scope_to_region(select(Evaluation), actor, Evaluation.region_id)
    years_statement = policy.scope_to_region(select(Evaluation.year).distinct(), actor, Evaluation.region_id)
    years = sorted((y for y in db.session.scalars(years_statement) if y is not None), reverse=True)
    if year is not None:
        statement = statement.where(Evaluation.year == year)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    level_counts = (
        select(EvaluationLevel.evaluation_id, func.count(EvaluationLevel.id).label("levels"))
        .group_by(EvaluationLevel.evaluation_id)
        .subquery()
    )
    rows = db.session.execute(
        statement.add_columns(func.coalesce(level_counts.c.levels, 0))
        .outerjoin(level_counts, level_counts.c.evaluation_id == Evaluation.id)
        .join(Evaluation.region)
        .order_by(*_newest_first(), Region.code)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return rows, total, years
