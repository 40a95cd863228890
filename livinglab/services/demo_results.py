"""The demo's official SPBE results: 2022-2025 for the demo signatories, labelled "(demo)".

Loaded through `services.evaluations.import_results` (the host's all-or-nothing import, one call
per evaluation year as one decree, by the system actor), never written as rows.

* Which years: the evaluation of year Y is published by KepmenPANRB early in Y+1; the demo counts
  it as published from 1 March of Y+1 (`PUBLISHED_FROM`), so on `today` only those years exist.
  Its evaluation date is a day from 20 January to 24 February of Y+1.
* Which figures: each region starts around the regional average of 2022 (2.24, DOMAIN.md) with a
  spread, and climbs 0.12-0.38 a year, so the average is around 3 by 2025 and some regions reach
  the 3.50 target. Per-indicator levels follow that figure with a fixed offset per indicator
  (Manajemen, 21-31, the weakest domain, lower), and the index is computed from them by the SPBE
  formula; a few regions (`INDEX_ONLY`) have the published index only.
* Everything is drawn from a fixed seed and does not depend on `today` except which years exist.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from livinglab import policy
from livinglab.domain import scoring
from livinglab.errors import Invalid
from livinglab.extensions import db
from livinglab.models import Evaluation, EvaluationLevel, Practice
from livinglab.services import evaluations, monitoring

SEED = "living-lab-demo-results"
YEARS = (2022, 2023, 2024, 2025)
PUBLISHED_FROM = (3, 1)  # month, day of the year after the evaluation year
AVERAGE_2022 = 2.24  # regional average, November 2022 (DOMAIN.md)
INDEX_ONLY = 7  # every 7th signatory: the decree's index, no levels
MANAJEMEN = range(21, 32)


def published_years(today):
    """The demo evaluation years whose results are out on `today`."""
    return [year for year in YEARS if today >= date(year + 1, *PUBLISHED_FROM)]


def source(year):
    return f"KepmenPANRB hasil evaluasi SPBE {year} (demo)"


def _clamp(value, low, high):
    return max(low, min(high, value))


def _inputs(regions, indicators):
    """{year: [EvaluationInput]} for every demo year, the same whatever the date."""
    rng = random.Random(SEED)
    by_year = {year: [] for year in YEARS}
    for n, region in enumerate(regions, start=1):
        start = _clamp(rng.gauss(AVERAGE_2022, 0.45), 1.3, 3.6)
        growth = rng.uniform(0.12, 0.38)
        offsets = {
            i.code: rng.gauss(0, 0.6) - (0.4 if int(i.code.split("-")[1]) in MANAJEMEN else 0) for i in indicators
        }
        days = rng.randint(0, 35)
        for year in YEARS:
            figure = start + growth * (year - YEARS[0])
            levels = {code: _clamp(round(figure + offset), 1, 5) for code, offset in offsets.items()}
            if n % INDEX_ONLY == 0:
                index, levels = Decimal(str(round(_clamp(figure, 1, 5), 2))), {}
            else:
                index = scoring.spbe_index(indicators, levels).value
            by_year[year].append(
                evaluations.EvaluationInput(
                    row=len(by_year[year]) + 1,
                    region=region.code,
                    index=str(scoring.round2(index)),
                    levels=levels,
                    evaluated_on=date(year + 1, 1, 20) + timedelta(days=days),
                )
            )
    return by_year


def load(regions, today):
    """Load the results published on `today` for `regions`; returns "N results for 2022-2025"."""
    indicators = [i for i in monitoring.index_catalogue().indicators if i.code.startswith("SPBE-")]
    years = published_years(today)
    by_year = _inputs(regions, indicators)
    count = 0
    for year in years:
        report = evaluations.import_results(policy.SYSTEM, by_year[year], year=year, source=source(year))
        if report.rejected:
            first = next(row for row in report.rows if not row.ok)
            raise Invalid(f"demo results for {year} not loaded: {first.subject}: {first.message}")
        count += len(by_year[year])
    span = f"{years[0]}-{years[-1]}" if years else "none published yet"
    return f"{count} results for {span}"


def latest_levels(regions):
    """{region id: {indicator code: level}} of each region's latest demo evaluation with levels."""
    rows = db.session.execute(
        select(Evaluation.region_id, Evaluation.year, Practice.code, EvaluationLevel.level)
        .join(EvaluationLevel.evaluation)
        .join(EvaluationLevel.practice)
        .where(Evaluation.region_id.in_([r.id for r in regions]))
        .order_by(Evaluation.region_id, Evaluation.year.desc())
    ).all()
    latest, levels = {}, {}
    for region_id, year, code, level in rows:
        if latest.setdefault(region_id, year) == year:
            levels.setdefault(region_id, {})[code] = level
    return levels
