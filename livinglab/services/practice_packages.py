"""Practice packages: one name for a set of practices, in the commitment form, the API and imports.

The catalogue gives "Semua 47 indikator SPBE" (every active indicator of the newest official SPBE
framework; the number is counted, not written), one package per SPBE domain and one per aspect;
the host admin adds packages of its own (`PracticePackage`). A name is compared without case,
accents or extra spaces; "semua" and "all" are read as the whole SPBE package.
"""

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from livinglab import policy
from livinglab.errors import Conflict, Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import Framework, PracticePackage
from livinglab.services import audit
from livinglab.services.lookups import normalise_name
from livinglab.services.visits import practices_by_code

ALL_ALIASES = ("semua", "semua indikator", "semua indikator spbe", "all", "all spbe indicators")
CODE = re.compile(r"^[A-Za-z]+-[A-Za-z0-9]+$")


@dataclass
class Package:
    name: str
    codes: list
    source: str  # "catalogue" or "host"
    id: int | None = None
    description: str | None = None


def _catalogue_packages():
    framework = db.session.scalar(
        select(Framework).where(Framework.family == "spbe", Framework.official.is_(True)).order_by(Framework.id.desc())
    )
    if framework is None:
        return []
    practices = [p for p in framework.practices if p.active]
    packages = [Package(f"Semua {len(practices)} indikator SPBE", [p.code for p in practices], "catalogue")]
    for domain in framework.domains:
        codes = [p.code for a in domain.aspects for p in a.practices if p.active]
        packages.append(Package(f"Domain {domain.name}", codes, "catalogue"))
    for domain in framework.domains:
        for aspect in domain.aspects:
            codes = [p.code for p in aspect.practices if p.active]
            packages.append(Package(f"Aspek {aspect.name}", codes, "catalogue"))
    return packages


def _host_packages():
    rows = db.session.scalars(select(PracticePackage).order_by(PracticePackage.name))
    return [Package(p.name, [x.code for x in p.practices], "host", p.id, p.description) for p in rows]


def list_packages():
    """Every package: the catalogue's first, then the host's by name."""
    return _catalogue_packages() + _host_packages()


class PackageIndex:
    """All packages, read once, to expand many cells (an import's rows) without a query per row."""

    def __init__(self):
        self.packages = list_packages()
        self.by_name = {normalise_name(p.name): p for p in self.packages}
        if self.packages and self.packages[0].source == "catalogue":
            for alias in ALL_ALIASES:
                self.by_name.setdefault(alias, self.packages[0])

    def find(self, text):
        return self.by_name.get(normalise_name(text))

    def expand(self, items):
        """Practice codes for a list of codes and package names (a package's codes in its order)."""
        codes = []
        for item in items or ():
            package = self.find(item)
            codes.extend(package.codes if package else [item])
        return list(dict.fromkeys(codes))

    def cell(self, text):
        """Practice codes for an import cell: a package name, or codes and package names separated by
        commas, semicolons or new lines (codes also by spaces). Unknown names raise Invalid."""
        items = []
        for part in re.split(r"[,;\n]+", str(text or "")):
            if not part.strip():
                continue
            if self.find(part):
                items.append(part)
                continue
            tokens = part.split()
            if all(CODE.match(t) for t in tokens):
                items.extend(tokens)
                continue
            names = "; ".join(p.name for p in self.packages)
            message = _("Unknown package: %(name)s. Packages: %(names)s", name=part.strip(), names=names)
            raise Invalid(message, {"practices": message})
        return self.expand(items)


def create_package(actor, *, name, practices, description=None):
    """A host-defined package of the given practice codes. One transaction."""
    policy.ensure(actor, "catalogue.manage")
    name = " ".join((name or "").split())
    if not name:
        raise Invalid(_("Some values are not valid."), {"name": _("Required.")})
    if PackageIndex().find(name):
        message = _("A package named %(name)s already exists.", name=name)
        raise Conflict(message, {"name": message})
    chosen = practices_by_code(practices)
    if not chosen:
        raise Invalid(_("Choose at least one practice."), {"practices": _("Choose at least one practice.")})
    package = PracticePackage(
        name=name[:120],
        description=(description or "").strip() or None,
        practices=chosen,
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(package)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        message = _("A package named %(name)s already exists.", name=name)
        raise Conflict(message, {"name": message}) from None
    audit.record(actor, "practice_package.create", package, after={"name": package.name, "practices": practices})
    db.session.commit()
    return package


def delete_package(actor, package_id):
    """Remove a host-defined package (commitments made with it keep their practices). One transaction."""
    policy.ensure(actor, "catalogue.manage")
    package = db.session.get(PracticePackage, package_id)
    if package is None:
        raise NotFound(_("No such package."))
    audit.record(actor, "practice_package.delete", package, before={"name": package.name})
    db.session.delete(package)
    db.session.commit()


def practice_codes(items):
    """`items` (codes and package names) as practice codes; for the form and the API (codes alone
    need no package lookup, so an import's rows, already expanded, cost no query here)."""
    if all(CODE.match(str(item).strip()) for item in items or ()):
        return list(items or ())
    return PackageIndex().expand(items)
