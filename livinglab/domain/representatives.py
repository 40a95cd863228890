"""Which commitment stands for a region in national figures, when it has several.

A region counts once in averages and region counts: its most recently signed commitment (a
commitment without a signing date comes last; ties: the later recorded, i.e. the higher id). Works
on plain overview rows (`region_code`, `signed_on`, `commitment_id`)."""

from datetime import date


def key(row):
    return (row["signed_on"] or date.min, row["commitment_id"])


def representative_rows(rows):
    """One row per region, the one that represents it, in the order the regions first appear."""
    chosen = {}
    for row in rows:
        kept = chosen.get(row["region_code"])
        if kept is None or key(row) > key(kept):
            chosen[row["region_code"]] = row
    return list(chosen.values())
