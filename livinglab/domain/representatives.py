"""Which commitment stands for a region in national figures, when it has several.

A region counts once in averages and region counts: its most recently signed commitment (a
commitment without a signing date comes last; ties: the later recorded, i.e. the higher id). Works
on plain overview rows (`region_code`, `signed_on`, and `commitment_id` when they have it)."""

from datetime import date


def key(row):
    return (row["signed_on"] or date.min, row.get("commitment_id") or 0)  # public rows carry no id


def representative_rows(rows):
    """One row per region, the one that represents it, in the order the regions first appear."""
    chosen = {}
    for row in rows:
        kept = chosen.get(row["region_code"])
        if kept is None or key(row) > key(kept):
            chosen[row["region_code"]] = row
    return list(chosen.values())


def several(rows):
    """({region code: number of commitments} for regions with more than one, {commitment ids of the
    representatives of those regions})."""
    counts = {}
    for row in rows:
        counts[row["region_code"]] = counts.get(row["region_code"], 0) + 1
    counts = {code: n for code, n in counts.items() if n > 1}
    chosen = {r["commitment_id"] for r in representative_rows(r for r in rows if r["region_code"] in counts)}
    return counts, chosen
