"""The preview and result of a commitment import, row by row, as pages, the API and the CLI show it."""

from dataclasses import dataclass, field

from flask_babel import gettext as _


@dataclass(frozen=True)
class RegionRef:
    """A region as a row shows it, copied when matched: the rollback ending a preview (or the commit
    of an import) expires the Region rows, and reading them again would cost a query per row."""

    code: str
    name: str
    province: str = ""

    @classmethod
    def of(cls, region):
        return cls(region.code, region.name, region.parent.name if region.parent else "")


@dataclass
class ImportRow:
    row: int  # the spreadsheet row number (the header is row 1)
    typed: str  # the region as written in the file
    status: str = "ok"  # "ok", "ambiguous" or "rejected"
    region: RegionRef | None = None  # the matched region
    score: float = 0.0  # how closely the name matched (100: exactly)
    candidates: list = field(default_factory=list)  # regions to pick from, or the nearest names
    reason: str = ""
    signatory: str = ""
    title: str = ""
    practices: int = 0  # milestones the commitment gets
    officer: str = ""  # "invited" (a new account), "existing" or "" (none named)

    def set_region(self, region):
        """Keep the matched Region's code and names; returns the Region."""
        self.region = RegionRef.of(region)
        return region

    def reject(self, reason):
        self.status, self.reason = "rejected", reason

    def as_dict(self):
        return {
            "row": self.row,
            "status": self.status,
            "region": self.region.code if self.region else None,
            "region_name": self.region.name if self.region else None,
            "score": self.score,
            "candidates": [{"code": r.code, "name": r.name} for r in self.candidates],
            "reason": self.reason or (_("OK") if self.status == "ok" else ""),
            "signatory_name": self.signatory,
            "signatory_title": self.title or None,
            "practices": self.practices,
            "officer": self.officer or None,
        }


@dataclass
class ImportReport:
    dry_run: bool = False
    filename: str = ""
    rows: list = field(default_factory=list)
    created: int = 0  # commitments written; 0 unless every row was ok and it was no dry run

    @property
    def all_ok(self):
        return bool(self.rows) and all(r.status == "ok" for r in self.rows)

    @property
    def ambiguous(self):
        return [r for r in self.rows if r.status == "ambiguous"]

    @property
    def rejected(self):
        return [r for r in self.rows if r.status == "rejected"]

    def as_dict(self):
        return {"dry_run": self.dry_run, "created": self.created, "rows": [r.as_dict() for r in self.rows]}
