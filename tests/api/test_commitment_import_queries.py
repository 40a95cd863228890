"""An import is checked against what was read once per file (services.commitment_index): its
queries do not grow with its rows, and rows still meet the commitments recorded before them and
the earlier rows of the same file."""

import io
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event, func, select

from livinglab.extensions import db
from livinglab.models import AuditEvent, Commitment, Contact, Notification, Region, SigningEvent, User

HEADER = (
    "daerah,nama_penandatangan,jabatan,tanggal_penandatanganan,acara,praktik,pihak_kedua,"
    "email_petugas,nama_petugas,email_kontak,nama_kontak,peran_kontak"
)


def _event():
    signing = SigningEvent(name="Penandatanganan UID Bali", place="Bali", date=date(2022, 11, 21))
    db.session.add(signing)
    db.session.commit()
    return signing


def _post(api, lines, dry_run="1"):
    body = "\n".join([HEADER, *lines]) + "\n"
    data = {"file": (io.BytesIO(body.encode()), "penandatangan.csv")}
    if dry_run:
        data["dry_run"] = dry_run
    return api.post("/api/v1/commitments/import", data=data, content_type="multipart/form-data")


@contextmanager
def _queries():
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _rows(count):
    regions = db.session.scalars(
        select(Region).where(Region.kind == "regency", Region.code != "32.11").order_by(Region.code).limit(count)
    ).all()
    return [
        f"{r.name},Kepala {n},Bupati,2022-11-21,Penandatanganan UID Bali,Semua 47 indikator SPBE,bskdn,"
        f"operator{n}@daerah.go.id,Operator {n},sekda{n}@daerah.go.id,Sekda {n},sekda"
        for n, r in enumerate(regions)
    ]


def test_a_preview_of_forty_rows_costs_the_queries_of_three(api_as):
    _event()
    api = api_as("host_admin", locale="en")
    _post(api, _rows(3))  # the first request of a client reads what later ones find cached
    with _queries() as few:
        small = _post(api, _rows(3))
    with _queries() as many:
        large = _post(api, _rows(40))
    assert small.status_code == large.status_code == 200, large.json
    assert [(r["status"], r["officer"]) for r in large.json["rows"]] == [("ok", "invited")] * 40
    assert len(many) == len(few)


def test_rows_meet_recorded_commitments_and_earlier_rows_of_the_file(api_as, make_commitment):
    signing = _event()
    make_commitment(region="32.04", signing_event_id=signing.id, status="draft")
    make_commitment(region="32.05", status="active")
    api = api_as("host_staff", locale="en")
    lines = [
        "Kab. Bandung,Dadang Supriatna,Bupati,2022-11-21,Penandatanganan UID Bali,SPBE-01,",
        "Kab. Garut,Rudy Gunawan,Bupati,2022-11-21,,SPBE-01,",
        "Kota Palu,Hadianto Rasyid,Wali Kota,2022-11-21,,SPBE-01,",
        "Palu,Hadianto Rasyid,Wali Kota,2023-01-10,,SPBE-02,",
    ]
    rows = {r["row"]: r for r in _post(api, lines).json["rows"]}
    assert rows[2]["status"] == "rejected" and "already has a commitment for" in rows[2]["reason"]
    assert rows[3]["status"] == "rejected" and "already has an active commitment" in rows[3]["reason"]
    assert rows[4]["status"] == "ok"
    assert rows[5]["status"] == "rejected" and "Kota Palu already has an active commitment" in rows[5]["reason"]
    assert db.session.scalar(select(func.count(Commitment.id))) == 2


def test_the_import_proper_writes_and_audits_every_row(api_as):
    _event()
    api = api_as("host_admin", locale="en")
    response = _post(api, _rows(5), dry_run=None)
    assert response.status_code == 200, response.json
    assert response.json["created"] == 5
    created = db.session.scalars(select(Commitment).order_by(Commitment.id)).all()
    assert [len(c.milestones) for c in created] == [47] * 5
    assert {c.second_party_agency.code for c in created} == {"bskdn"}
    audited = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "commitment.create")).all()
    assert sorted(int(a.entity_id) for a in audited) == [c.id for c in created]
    assert all(a.after["practices"][0] == "SPBE-01" and a.after["signing_event_id"] for a in audited)
    officers = db.session.scalars(select(User).where(User.email.like("operator%")).order_by(User.email)).all()
    assert [(u.email, u.active, u.region.code) for u in officers] == [
        (f"operator{n}@daerah.go.id", False, c.region.code) for n, c in enumerate(created)
    ]
    assert db.session.scalar(select(func.count(Contact.id)).where(Contact.role == "sekda")) == 5
    invitations = select(func.count(Notification.id)).where(Notification.kind == "account_invitation")
    assert db.session.scalar(invitations) == 5
