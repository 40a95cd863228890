"""A region's evidence library: a document (Perbup, SK, SOP, review report…) is uploaded once and
linked as evidence to any number of the region's milestones.

A link is an `Evidence` row carrying the document's kind, title, number, date, URL and file, so the
evidence age rules, the history and the downloads read a linked document exactly like evidence
uploaded with an update. Region officers manage their own region's library; a document of another
region answers "not found", whether it is read or linked.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from livinglab import policy
from livinglab.errors import Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import Commitment, Document, Evidence, Milestone
from livinglab.models.milestones import EVIDENCE_KINDS
from livinglab.services import audit, uploads
from livinglab.services.regions import get_region


@dataclass
class DocumentInput:
    """A new library document: a file (bytes, original name) or a URL, with its metadata."""

    kind: str
    title: str
    number: str | None = None
    enacted_on: date | None = None
    url: str | None = None
    file: tuple | None = None


def _region(actor, region_code):
    region = get_region(region_code)
    policy.ensure_region_access(actor, region.id)
    return region


def region_documents(actor, region_code):
    """(region, its documents, newest first)."""
    policy.ensure(actor, "library.view")
    region = _region(actor, region_code)
    rows = db.session.scalars(
        select(Document).where(Document.region_id == region.id).order_by(Document.created_at.desc(), Document.id.desc())
    ).all()
    return region, rows


def _clean(item):
    errors = {}
    if item.kind not in EVIDENCE_KINDS:
        errors["kind"] = _("Choose a type.")
    title = " ".join((item.title or "").split())
    if not title:
        errors["title"] = _("Required.")
    elif len(title) > 300:
        errors["title"] = _("At most %(n)s characters.", n=300)
    number = (item.number or "").strip()
    if len(number) > 120:
        errors["number"] = _("At most %(n)s characters.", n=120)
    url = (item.url or "").strip() or None
    if bool(url) == bool(item.file):
        errors["file"] = _("A file or a URL.")
    elif url and not url.lower().startswith(("https://", "http://")):
        errors["url"] = _("Not a web address.")
    elif url and len(url) > 2000:
        errors["url"] = _("At most %(n)s characters.", n=2000)
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    return title, number or None, url


def create_document(actor, region_code, item):
    """Add a document to the region's library (the file through the upload checks). One
    transaction; returns the document."""
    policy.ensure(actor, "library.manage")
    region = _region(actor, region_code)
    title, number, url = _clean(item)
    upload = uploads.store(actor, item.file[0], item.file[1]) if item.file else None
    document = Document(
        region_id=region.id,
        kind=item.kind,
        title=title,
        number=number,
        enacted_on=item.enacted_on,
        url=url,
        upload=upload,
        created_by_id=actor.id,
    )
    db.session.add(document)
    db.session.flush()
    audit.record(actor, "document.create", document, after=_snapshot(document))
    db.session.commit()
    return document


def _snapshot(document):
    return {
        "region": document.region.code,
        "kind": document.kind,
        "title": document.title,
        "number": document.number,
        "enacted_on": document.enacted_on.isoformat() if document.enacted_on else None,
        "url": document.url,
        "file": document.upload.original_name if document.upload else None,
    }


def get_document(actor, document_id):
    policy.ensure(actor, "library.view")
    document = db.session.get(Document, document_id)
    return policy.found_in_scope(actor, document, lambda d: d.region_id, _("No such document."))


def supported_milestones(actor, document):
    """The milestones `document` is linked to, in due-date order."""
    policy.ensure(actor, "library.view")
    return db.session.scalars(
        select(Milestone)
        .where(Milestone.id.in_(select(Evidence.milestone_id).where(Evidence.document_id == document.id)))
        .order_by(Milestone.due_date, Milestone.id)
    ).all()


def linkable_documents(milestone):
    """The documents of the milestone's region, for the picker of the update form."""
    return db.session.scalars(
        select(Document)
        .join(Commitment, Commitment.region_id == Document.region_id)
        .where(Commitment.id == milestone.commitment_id)
        .order_by(Document.title, Document.id)
    ).all()


def link_evidence(actor, milestone, update, document_id):
    """An `Evidence` row linking document `document_id` to `milestone` (flushed with the caller's
    transaction). A document of another region is "not found", like an unknown id."""
    document = db.session.get(Document, document_id) if isinstance(document_id, int) else None
    if document is None or document.region_id != milestone.commitment.region_id:
        raise NotFound(_("No such document."))
    already = db.session.scalar(
        select(Evidence.id).where(Evidence.milestone_id == milestone.id, Evidence.document_id == document.id)
    )
    if already is not None:
        message = _("This document is already evidence of this milestone.")
        raise Invalid(message, {"document_id": message})
    return Evidence(
        milestone=milestone,
        update=update,
        document=document,
        kind=document.kind,
        title=document.title,
        document_number=document.number,
        enacted_on=document.enacted_on,
        url=document.url,
        upload=document.upload,
        created_by_id=actor.id,
    )
