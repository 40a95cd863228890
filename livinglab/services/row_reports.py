"""The per-row result of a spreadsheet upload: every row checked, all applied or none."""

from dataclasses import dataclass, field


@dataclass
class RowResult:
    row: int  # the spreadsheet row number (the header is row 1)
    subject: object  # what the row is about: a region code, a milestone id
    ok: bool
    message: str = ""


@dataclass
class RowReport:
    rows: list = field(default_factory=list)
    saved: int = 0  # rows written; 0 unless every row was valid

    @property
    def rejected(self):
        return [r for r in self.rows if not r.ok]
