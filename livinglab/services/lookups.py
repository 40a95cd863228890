"""Finding reference records by what people type: a region by its code or its official name.

Names match exactly once normalised: case, accents and spacing do not count, and the usual short
forms are read as the full ones ("Kab." and "Kab" for "Kabupaten", "Kota Adm." for "Kota
Administrasi", "DKI" for "Daerah Khusus Ibukota", "DIY" for "Daerah Istimewa Yogyakarta"). A
name is never guessed: "Bandung" alone names neither Kabupaten nor Kota Bandung.

(The older copies in services.accounts, services.reports and services.regions look up by code
only; they move here when their areas are next worked on.)
"""

import re
import unicodedata

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Region

CODE = re.compile(r"^\d{2}(\.\d{2})?$")
SHORT_FORMS = (
    (re.compile(r"^kab(upaten)? adm(inistrasi)? "), "kabupaten administrasi "),
    (re.compile(r"^kota adm(inistrasi)? "), "kota administrasi "),
    (re.compile(r"^kab "), "kabupaten "),
    (re.compile(r"^dki "), "daerah khusus ibukota "),
    (re.compile(r"^diy$"), "daerah istimewa yogyakarta"),
)


def normalise_name(text):
    """A region name reduced for comparison: no accents, lower case, single spaces, short forms spelled out."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = " ".join(re.sub(r"[.,]", " ", text).split())
    for pattern, full in SHORT_FORMS:
        text = pattern.sub(full, text)
    return text


def normalise_code(text):
    """A region code as typed ("32.11", " 32.11 ", "32,11" from a spreadsheet's decimal comma)."""
    return str(text or "").strip().replace(",", ".")


class RegionLookup:
    """Every region, read once, to look many up (an import's rows) without a query per row."""

    def __init__(self):
        self.by_code = {}
        self.by_name = {}
        for region in db.session.scalars(select(Region)):
            self.by_code[region.code] = region
            self.by_name.setdefault(normalise_name(region.name), []).append(region)

    def find(self, text):
        """The region whose code or official name is `text`, or None (also when a name is ambiguous)."""
        code = normalise_code(text)
        if CODE.match(code):
            return self.by_code.get(code)
        found = self.by_name.get(normalise_name(text), [])
        return found[0] if len(found) == 1 else None


def region_by_code_or_name(text):
    """One region by code or official name (see the module's rules), or None."""
    code = normalise_code(text)
    if CODE.match(code):
        return db.session.scalar(select(Region).where(Region.code == code))
    return RegionLookup().find(text)
