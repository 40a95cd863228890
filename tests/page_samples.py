"""Sample records for every URL argument name the app's routes take, shared by the tests that walk
`app.url_map` (the access matrix, the browser crawl of every page).

`SAMPLES[name](users)` builds (or reuses) a record and returns the value for that URL argument;
`users` maps each role to a user of it, plus "target" (a second region officer), and also keeps
the records built once per test. A new argument name fails the access matrix until it is added.
"""


def _sample_milestone(users):
    """A not-started milestone of region 32.04 (the matrix's region officer's region)."""
    from sqlalchemy import select

    from livinglab.extensions import db
    from livinglab.models import Commitment, Milestone, Practice

    commitment = Commitment(
        region=users["region_officer"].region, signatory_name="Matrix", signatory_title="Bupati", status="active"
    )
    practice = db.session.scalar(select(Practice).where(Practice.code == "SPBE-01"))
    commitment.milestones.append(Milestone(practice=practice))
    db.session.add(commitment)
    db.session.commit()
    return commitment.milestones[0]


def _sample_evidence(users):
    from livinglab.services import milestones
    from livinglab.services.milestones import EvidenceInput

    milestone = _sample_milestone(users)
    pdf = (b"%PDF-1.4\n%%EOF\n", "matrix.pdf")
    return milestones.add_evidence(users["host_admin"], milestone.id, EvidenceInput("report", "Matrix", file=pdf)).id


def _once(users, key, build):
    """Build a sample once per test, so related URL arguments point at the same record."""
    if key not in users:
        users[key] = build(users)
    return users[key]


def _host_practice_id():
    from sqlalchemy import select

    from livinglab.extensions import db
    from livinglab.models import Practice

    return db.session.scalar(select(Practice.id).where(Practice.code == "HOST-MPP"))


def _sample_contact(users):
    from livinglab import policy
    from livinglab.services import contacts

    return contacts.create_contact(policy.SYSTEM, "32.04", name="Matrix", email="matrix@example.go.id")


def _sample_outbox(users):
    """A failed outbox row and an archived report of region 32.04."""
    from tests_support import failed_digest

    row, report = failed_digest()
    return row.id, report.id


def _sample_event(users):
    from datetime import date

    from livinglab.services import events

    return events.create_event(users["host_admin"], name="Matrix event", place="Sumedang", date=date(2022, 11, 21))


def _sample_visit(users):
    from datetime import date

    from livinglab.services import visits

    return visits.create_visit(
        users["host_admin"],
        region="32.04",
        start_date=date(2022, 10, 3),
        end_date=date(2022, 10, 4),
        head_of_delegation="Sekda",
        delegation_size=12,
        practices=["HOST-MPP"],
        attachments=[(b"%PDF-1.4\n%%EOF\n", "attendance.pdf")],
    )


def _sample_commitment(users):
    from datetime import date

    from livinglab.services import commitments

    return commitments.create_commitment(
        users["host_admin"],
        region="32.04",
        signatory_name="Matrix",
        signed_on=date(2022, 11, 21),
        practices=["SPBE-01", "SPBE-02"],
        document=(b"%PDF-1.4\n%%EOF\n", "signed.pdf"),
        confirm_second=True,  # other samples may have recorded 32.04's first
    )


def _sample_extension_request(users):
    """A pending extension request of the matrix's region officer on a milestone of 32.04."""
    from datetime import timedelta

    from livinglab.models.base import utcnow
    from livinglab.services import extension_requests

    milestone = _sample_milestone(users)
    later = utcnow().date() + timedelta(days=30)
    return extension_requests.request_extension(users["region_officer"], milestone.id, due_date=later, reason="Matrix")


def _sample_package(users):
    from livinglab import policy
    from livinglab.services import practice_packages

    return practice_packages.create_package(policy.SYSTEM, name="Matrix package", practices=["SPBE-01"])


def _sample_document(users):
    """A library document of region 32.04 with a file."""
    from livinglab import policy
    from livinglab.services import library
    from livinglab.services.library import DocumentInput

    item = DocumentInput("regulation", "Matrix", file=(b"%PDF-1.4\n%%EOF\n", "matrix.pdf"))
    return library.create_document(policy.SYSTEM, "32.04", item)


def _sample_opd(users):
    """An OPD of region 32.04."""
    from livinglab import policy
    from livinglab.services import opds

    return opds.create_opd(policy.SYSTEM, "32.04", name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")


def _innovation_id():
    from sqlalchemy import select

    from livinglab.extensions import db
    from livinglab.models import Innovation

    return db.session.scalar(select(Innovation.id).where(Innovation.code == "BDG-ESKM"))


def _sample_replication(users):
    """Kabupaten Bandung's e-SKM (originator: the matrix officer's 32.04) replicated by 32.05 with
    Kemendagri (the matrix viewer's agency) as sponsor, with a file on its first stage."""
    from livinglab.services import replications

    replication = replications.create_replication(
        users["host_admin"],
        innovation_id=_innovation_id(),
        region="32.05",
        parties=[{"role": "sponsor", "kind": "agency", "code": "kemendagri"}],
    )
    stage = replication.stages[0]
    evidence = replications.add_evidence(
        users["host_admin"], stage.id, kind="minutes", title="Matrix", file=(b"%PDF-1.4\n%%EOF\n", "ba.pdf")
    )
    return replication.id, stage.id, evidence.id


# One sample value per URL argument name. A new argument name fails until it is added here.
SAMPLES = {
    "user_id": lambda users: users["target"].id,
    "code": lambda users: "32.04",
    "token": lambda users: "not-a-valid-token",
    "filename": lambda users: "css/app.css",
    "milestone_id": lambda users: _sample_milestone(users).id,
    "evidence_id": _sample_evidence,
    "practice_code": lambda users: "SPBE-01",
    "event_id": lambda users: _sample_event(users).id,
    "visit_id": lambda users: _once(users, "visit", _sample_visit).id,
    "upload_id": lambda users: _once(users, "visit", _sample_visit).attachments[0].id,
    "commitment_id": lambda users: _sample_commitment(users).id,
    "practice_id": lambda users: _host_practice_id(),
    "contact_id": lambda users: _sample_contact(users).id,
    "notification_id": lambda users: _once(users, "outbox", _sample_outbox)[0],
    "report_id": lambda users: _once(users, "outbox", _sample_outbox)[1],
    "extension_request_id": lambda users: _sample_extension_request(users).id,
    "package_id": lambda users: _sample_package(users).id,
    "document_id": lambda users: _sample_document(users).id,
    "opd_id": lambda users: _sample_opd(users).id,
    "innovation_id": lambda users: _innovation_id(),
    "replication_id": lambda users: _once(users, "replication", _sample_replication)[0],
    "stage_id": lambda users: _once(users, "replication", _sample_replication)[1],
    "stage_evidence_id": lambda users: _once(users, "replication", _sample_replication)[2],
}
