"""Finding reference records by what people type: a region by its code or its official name.

Names match exactly once normalised: case, accents and spacing do not count, and the usual short
forms are read as the full ones ("Kab." and "Kab" for "Kabupaten", "Kota Adm." for "Kota
Administrasi", "DKI" for "Daerah Khusus Ibukota", "DIY" for "Daerah Istimewa Yogyakarta"). A
name is never guessed: "Bandung" alone names neither Kabupaten nor Kota Bandung.

Imports go one step further (`RegionLookup.match`): a name is also matched without its kind
("Palu" is Kota Palu, the only region of that name; "Bandung" is ambiguous and the caller asks),
and misspellings are matched with rapidfuzz (optimal string alignment: a typo or two swapped letters
is one edit) against the official names. A close match is taken
only when no other region comes as close; otherwise the candidates are returned to pick from,
and a name more than `slips_allowed` edits from every official name is rejected with the three
nearest names.

(The older copies in services.accounts, services.reports and services.regions look up by code
only; they move here when their areas are next worked on.)
"""

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Agency, Region
from livinglab.models.commitments import SIGNATORY_TITLES

CODE = re.compile(r"^\d{2}(\.\d{2})?$")
SHORT_FORMS = (
    (re.compile(r"^kab(upaten)? adm(inistrasi)? "), "kabupaten administrasi "),
    (re.compile(r"^kota adm(inistrasi)? "), "kota administrasi "),
    (re.compile(r"^kab "), "kabupaten "),
    (re.compile(r"^pemkab "), "kabupaten "),
    (re.compile(r"^(pemkot|kotamadya|kodya) "), "kota "),
    (re.compile(r"^(pemprov|prov) "), "provinsi "),
    (re.compile(r"^dki "), "daerah khusus ibukota "),
    (re.compile(r"^diy$"), "daerah istimewa yogyakarta"),
)
KIND_PREFIXES = (  # the spelled-out kind a name may start with, longest first
    ("kabupaten administrasi ", "regency"),
    ("kota administrasi ", "city"),
    ("kabupaten ", "regency"),
    ("kota ", "city"),
    ("provinsi ", "province"),
)
LETTERS_PER_SLIP = 6  # a misspelt name may be one edit off per six letters (at least one edit)
NEAREST = 3  # names offered with a rejection
AGENCY_THRESHOLD = 90  # rapidfuzz partial ratio of a typed agency name within an agency's full name
TITLE_PREFIXES = (
    (re.compile(r"^(pj|penjabat) "), "Pj. "),
    (re.compile(r"^(plt|pelaksana tugas) "), "Plt. "),
    (re.compile(r"^(wakil|wk) "), "Wakil "),
)
TITLE_HEADS = {"bupati": "Bupati", "wali kota": "Wali Kota", "walikota": "Wali Kota", "gubernur": "Gubernur"}


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


def split_kind(name):
    """(kind or None, stem) of a normalised name: "kabupaten bandung" → ("regency", "bandung")."""
    for prefix, kind in KIND_PREFIXES:
        if name.startswith(prefix):
            return kind, name[len(prefix) :]
    return None, name


def _key(stem):
    """A stem without spaces or hyphens, so "Tulung Agung" and "Tulungagung" meet."""
    return re.sub(r"[\s\-']", "", stem)


@dataclass
class RegionMatch:
    """What a typed name matched: one region (`ok`), several to pick from, or none."""

    status: str  # "ok", "ambiguous" or "rejected"
    region: Region | None = None
    score: float = 0.0
    candidates: list = field(default_factory=list)  # regions: to pick from, or the nearest names


class RegionLookup:
    """Every region, read once, to look many up (an import's rows) without a query per row."""

    def __init__(self):
        self.by_code = {}
        self.by_name = {}
        self.regions = []
        self.keys = []
        self.by_key = {}
        for region in db.session.scalars(select(Region).order_by(Region.code)):
            self.by_code[region.code] = region
            self.by_name.setdefault(normalise_name(region.name), []).append(region)
            key = _key(split_kind(normalise_name(region.name))[1])
            self.regions.append(region)
            self.keys.append(key)
            self.by_key.setdefault(key, []).append(region)

    def find(self, text):
        """The region whose code or official name is `text`, or None (also when a name is ambiguous)."""
        code = normalise_code(text)
        if CODE.match(code):
            return self.by_code.get(code)
        found = self.by_name.get(normalise_name(text), [])
        return found[0] if len(found) == 1 else None

    def province(self, text):
        """The province named or coded by `text` (exactly or closely), or None."""
        found = self.match(text, kinds=("province",))
        return found.region if found.status == "ok" else None

    def match(self, text, province=None, kinds=None):
        """A `RegionMatch` for a code or a name as people write it, within `province` (a Region) if given."""
        code = normalise_code(text)
        if CODE.match(code):
            region = self.by_code.get(code)
            return RegionMatch("ok", region, 100.0) if region else RegionMatch("rejected")
        name = normalise_name(text)
        if not name:
            return RegionMatch("rejected")
        kind, stem = split_kind(name)
        allowed = set(kinds or ()) or ({kind} if kind else None)

        def fits(region):
            if allowed and region.kind not in allowed:
                return False
            return province is None or province.id in (region.id, region.parent_id)

        exact = [r for r in self.by_key.get(_key(stem), []) if fits(r)]
        if len(exact) == 1:
            return RegionMatch("ok", exact[0], 100.0)
        if exact:
            return RegionMatch("ambiguous", score=100.0, candidates=exact)
        key = _key(stem)
        scored = process.extract(key, self.keys, scorer=OSA.distance, limit=None)
        nearest = [(self.regions[i], edits, found) for found, edits, i in scored if fits(self.regions[i])]
        allowed = max(1, len(key) // LETTERS_PER_SLIP)
        if not nearest or nearest[0][1] > allowed:
            return RegionMatch("rejected", candidates=[r for r, _, _ in nearest[:NEAREST]])
        best, found = nearest[0][1], nearest[0][2]
        score = round(100 * (1 - best / max(len(key), len(found))), 1)
        # another region as close, or (past two slips) one slip further, makes the name ambiguous
        close = [r for r, edits, _ in nearest if edits <= min(allowed, best + (best >= 2))]
        if len(close) == 1:
            return RegionMatch("ok", close[0], score)
        return RegionMatch("ambiguous", score=score, candidates=close)


def region_by_code_or_name(text):
    """One region by code or official name (see the module's rules), or None."""
    code = normalise_code(text)
    if CODE.match(code):
        return db.session.scalar(select(Region).where(Region.code == code))
    return RegionLookup().find(text)


def canonical_title(text):
    """One of SIGNATORY_TITLES for a title as typed ("PJ BUPATI", "Penjabat Walikota", "Sekretaris Daerah"),
    "" when empty, or None when it is none of them."""
    typed = " ".join(re.sub(r"[.,]", " ", str(text or "")).split()).casefold()
    if not typed:
        return ""
    if typed in ("sekda", "sekretaris daerah"):
        return "Sekda"
    prefix = ""
    for pattern, canonical in TITLE_PREFIXES:
        if pattern.match(typed):
            prefix, typed = canonical, pattern.sub("", typed)
            break
    title = prefix + TITLE_HEADS.get(typed, "?")
    return title if title in SIGNATORY_TITLES else None


def agency_by_code_or_name(text, agencies=None):
    """The agency whose code or short name is `text` (any case), or whose full name contains it
    closely ("Balitbang Kemendagri"); None when none or several do. `agencies`: all of them, in id
    order, read once already (an import's rows)."""
    typed = normalise_name(text)
    if not typed:
        return None
    if agencies is None:
        agencies = db.session.scalars(select(Agency).order_by(Agency.id)).all()
    exact = [a for a in agencies if typed in (normalise_name(a.code), normalise_name(a.name))]
    if exact:
        return exact[0]
    close = [a for a in agencies if fuzz.partial_ratio(typed, normalise_name(a.full_name)) >= AGENCY_THRESHOLD]
    return close[0] if len(close) == 1 else None
