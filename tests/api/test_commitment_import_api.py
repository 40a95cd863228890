"""POST /api/v1/commitments/import: a preview (dry_run=1) and the import proper, all rows or none."""

import email
import io
import re
from datetime import date

from conftest import CSRF_META, WebClient
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Commitment, Contact, Notification, SigningEvent, User
from livinglab.models.notifications import ACCOUNT_KINDS
from livinglab.services import delivery

HEADER = "daerah,provinsi,nama_penandatangan,jabatan,tanggal_penandatanganan,acara,praktik,pihak_kedua"


def _event():
    event = SigningEvent(name="Penandatanganan UID Bali", place="Bali", date=date(2022, 11, 21))
    db.session.add(event)
    db.session.commit()
    return event


def _post(api, lines, dry_run=None, header=HEADER):
    body = "\n".join([header, *lines]) + "\n"
    data = {"file": (io.BytesIO(body.encode()), "penandatangan.csv")}
    if dry_run is not None:
        data["dry_run"] = dry_run
    return api.post("/api/v1/commitments/import", data=data, content_type="multipart/form-data")


def _count():
    return db.session.scalar(select(func.count(Commitment.id)))


def test_preview_matches_names_and_saves_nothing(api_as):
    _event()
    api = api_as("host_staff", locale="en")
    lines = [
        "Kab. Bandung,,Dadang Supriatna,Bupati,2022-11-21,Penandatanganan UID Bali,SPBE-01 SPBE-02,",
        "Kota Denpasar,,I Gusti Ngurah Jaya Negara,Wali Kota,2022-11-21,Penandatanganan UID Bali,SPBE-01,",
        "Palu,,Hadianto Rasyid,Wali Kota,2022-11-21,,SPBE-01,",
        "Kab Tulungagung,,Heru Suseno,Pj Bupati,2022-11-21,Penandatanganan UID Bali,Semua 47 indikator SPBE,",
    ]
    response = _post(api, lines, dry_run="1")
    assert response.status_code == 200, response.json
    body = response.json
    assert body["dry_run"] is True and body["created"] == 0
    rows = {r["row"]: r for r in body["rows"]}
    assert [rows[n]["status"] for n in (2, 3, 4, 5)] == ["ok"] * 4
    assert (rows[2]["region"], rows[2]["region_name"]) == ("32.04", "Kabupaten Bandung")
    assert (rows[3]["region"], rows[4]["region"]) == ("51.71", "72.71")
    assert rows[5]["signatory_title"] == "Pj. Bupati" and rows[5]["practices"] == 47
    assert _count() == 0


def test_import_writes_every_row_with_titles_and_an_agency_party(api_as):
    _event()
    api = api_as("host_staff", locale="en")
    lines = [
        "Kabupaten Bandung,,Dadang Supriatna,Bupati,2022-11-21,Penandatanganan UID Bali,SPBE-01,Balitbang Kemendagri",
        "Kota Palu,,Hadianto Rasyid,PLT. WALIKOTA,2022-11-21,Penandatanganan UID Bali,SPBE-01,",
    ]
    response = _post(api, lines)
    assert response.status_code == 200, response.json
    assert response.json["created"] == 2 and response.json["dry_run"] is False
    saved = {c.region.code: c for c in db.session.scalars(select(Commitment))}
    assert saved["32.04"].second_party_agency.code == "bskdn" and saved["32.04"].host_is_party
    assert saved["72.71"].signatory_title == "Plt. Wali Kota"
    shown = api.get(f"/api/v1/commitments/{saved['32.04'].id}").json
    assert shown["second_party"] == "bskdn" and shown["host_is_party"] is True


def test_ambiguous_and_unknown_names_are_reported_and_nothing_is_saved(api_as):
    _event()
    api = api_as("host_staff", locale="en")
    lines = [
        "Kabupaten Bandung,,Dadang Supriatna,Bupati,2022-11-21,,SPBE-01,",
        "Bandung,,Someone,Wali Kota,2022-11-21,,SPBE-01,",
        "Kabupaten Entahberantah,,Nobody,Bupati,2022-11-21,,SPBE-01,",
        "Banjar,Jawa Barat,Ade Uu,Wali Kota,2022-11-21,,SPBE-01,",
        "Kab. Sumedang,,Dony,Bupati,2022-11-21,,Semua indikator entah,",
    ]
    response = _post(api, lines)
    assert response.status_code == 422
    rows = {r["row"]: r for r in response.json["rows"]}
    assert rows[2]["status"] == "ok"
    assert rows[3]["status"] == "ambiguous" and rows[3]["region"] is None
    assert {c["code"] for c in rows[3]["candidates"]} == {"32.04", "32.73"}
    assert rows[4]["status"] == "rejected" and len(rows[4]["candidates"]) == 3
    assert "Nearest:" in rows[4]["reason"]
    assert (rows[5]["status"], rows[5]["region"]) == ("ok", "32.79")
    assert rows[6]["status"] == "rejected" and "Unknown package" in rows[6]["reason"]
    assert "Semua 47 indikator SPBE" in rows[6]["reason"]
    assert _count() == 0
    assert response.json["created"] == 0


def test_officer_accounts_are_invited_once_and_contacts_added(api_as, make_user):
    api = api_as("host_admin", locale="en")
    existing = make_user("region_officer", email="ada@palukota.go.id")
    header = (
        "region,signatory_name,signed_on,practices,officer_email,officer_name,contact_email,contact_name,contact_role"
    )
    lines = [
        "Kab. Bandung,Dadang,2022-11-21,SPBE-01,operator@bandungkab.go.id,Operator Bandung,kadis@bandungkab.go.id,"
        "Kadis Kominfo,head_of_agency",
        "Kota Palu,Hadianto,2022-11-21,SPBE-01,ADA@palukota.go.id,Ada,,,",
    ]
    response = _post(api, lines, header=header)
    assert response.status_code == 200, response.json
    assert [r["officer"] for r in response.json["rows"]] == ["invited", "existing"]
    invited = db.session.scalar(select(User).where(User.email == "operator@bandungkab.go.id"))
    assert invited.active is False and invited.role == "region_officer" and invited.region.code == "32.04"
    assert db.session.scalar(select(func.count(User.id)).where(User.email == existing.email)) == 1
    mails = db.session.scalars(select(Notification).where(Notification.kind == "account_invitation")).all()
    assert [m.recipient for m in mails] == ["operator@bandungkab.go.id"]
    added = db.session.scalars(select(Contact).where(Contact.email == "kadis@bandungkab.go.id")).all()
    assert [(c.region.code, c.name) for c in added] == [("32.04", "Kadis Kominfo")]
    again = _post(api, lines, header=header)  # the same sheet again: both regions have their commitment
    assert again.status_code == 422 and [r["status"] for r in again.json["rows"]] == ["rejected", "rejected"]
    assert db.session.scalar(select(func.count(User.id)).where(User.email == invited.email)) == 1
    assert db.session.scalar(select(func.count(Contact.id)).where(Contact.email == "kadis@bandungkab.go.id")) == 1
    assert db.session.scalar(select(func.count(Notification.id)).where(Notification.kind == "account_invitation")) == 1


def test_the_invitation_link_sets_the_password_and_activates_the_account(api_as, app, outbox):
    api = api_as("host_admin", locale="en")
    header = "region,signatory_name,signed_on,practices,officer_email,officer_name"
    assert (
        _post(api, ["Kota Palu,Hadianto,2022-11-21,SPBE-01,op@palukota.go.id,Operator Palu"], header=header).json[
            "created"
        ]
        == 1
    )
    assert delivery.deliver_pending(kinds=ACCOUNT_KINDS)["sent"] == 1
    message = email.message_from_bytes(next(outbox.glob("*.eml")).read_bytes(), policy=email.policy.default)
    assert message["To"] == "op@palukota.go.id"
    link = re.search(r"http://localhost(/reset-password/\S+)", message.get_content()).group(1)
    web = WebClient(app)
    assert web.login("op@palukota.go.id").status_code != 302  # inactive until the password is set
    page = web.get(link)
    assert page.status_code == 200
    token = CSRF_META.search(page.get_data(as_text=True)).group(1)
    new_password = "palu-operator-spbe-2026"
    done = web.http.post(link, data={"password": new_password, "confirm": new_password, "csrf_token": token})
    assert done.status_code == 302, done.get_data(as_text=True)
    assert db.session.scalar(select(User.active).where(User.email == "op@palukota.go.id")) is True
    assert WebClient(app).login("op@palukota.go.id", new_password).status_code == 302
    assert web.get(link).status_code == 400  # used
