"""The import page's two steps (preview, then confirm with picks), the template, packages and parties."""

import io
import re
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Commitment, PracticePackage, SigningEvent

HEADER = "region,province,signatory_name,signatory_title,signed_on,event,practices"


def _event(name="Penandatanganan Komitmen Bersama UID Bali"):
    event = SigningEvent(name=name, place="Nusa Dua", date=date(2022, 11, 21))
    db.session.add(event)
    db.session.commit()
    return event


def _csv(*lines):
    return io.BytesIO(("\n".join([HEADER, *lines]) + "\n").encode())


def _preview(client, buffer, name="penandatangan.csv"):
    return client.post("/commitments/import", data={"file": (buffer, name)}, content_type="multipart/form-data")


def _hidden(page, name):
    return re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page).group(1)


def _confirm(client, preview, picks=None):
    page = preview.get_data(as_text=True)
    data = {"payload": _hidden(page, "payload"), "filename": _hidden(page, "filename")}
    data.update({f"pick-{row}": code for row, code in (picks or {}).items()})
    return client.post("/commitments/import/confirm", data=data)


def _regions():
    return sorted(c.region.code for c in db.session.scalars(select(Commitment)))


def test_an_ambiguous_name_is_picked_on_the_page_and_the_pick_is_checked_again(login_as):
    event = _event()
    host = login_as("host_staff", locale="en")
    preview = _preview(
        host,
        _csv(
            f"Kab. Bandung,,Dadang Supriatna,Bupati,2022-11-21,{event.name},SPBE-01",
            f"Bandung,Jawa Barat,Yana Mulyana,Wali Kota,2022-11-21,{event.name},SPBE-01",
        ),
    )
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "32.04 Kabupaten Bandung" in page and 'name="pick-3"' in page
    assert '<option value="32.73">' in page and '<option value="32.04">' in page
    assert _regions() == []

    unpicked = _confirm(host, preview)
    assert unpicked.status_code == 422 and "pick one" in unpicked.get_data(as_text=True)
    tampered = _confirm(host, preview, {3: "32.11"})  # not one of the row's candidates
    assert tampered.status_code == 422
    assert _regions() == []

    done = _confirm(host, preview, {3: "32.73"})
    assert done.status_code == 302, done.get_data(as_text=True)
    assert _regions() == ["32.04", "32.73"]


def test_confirm_checks_the_file_again_and_refuses_a_forged_one(login_as):
    event = _event()
    host = login_as("host_staff", locale="en")
    preview = _preview(host, _csv(f"Kota Palu,,Hadianto Rasyid,Wali Kota,2022-11-21,{event.name},SPBE-01"))
    assert preview.status_code == 200
    db.session.delete(event)  # the event went away between preview and confirm
    db.session.commit()
    again = _confirm(host, preview)
    assert again.status_code == 422 and "Unknown signing event" in again.get_data(as_text=True)
    forged = host.post("/commitments/import/confirm", data={"payload": "not base64!", "filename": "x.csv"})
    assert forged.status_code == 302 and _regions() == []


def test_a_rejected_name_offers_the_three_nearest_and_no_confirm_button(login_as):
    host = login_as("host_staff", locale="en")
    preview = _preview(host, _csv("Kabupaten Sumedng Barat Daya,,Someone,Bupati,2022-11-21,,SPBE-01"))
    assert preview.status_code == 422
    page = preview.get_data(as_text=True)
    assert "No region is named Kabupaten Sumedng Barat Daya. Nearest:" in page
    assert "Import these commitments" not in page


def test_the_template_example_row_is_marked_and_skipped_and_imports_without_the_mark(login_as):
    event = _event()
    host = login_as("host_admin", locale="en")
    sheet = load_workbook(io.BytesIO(host.get("/commitments/import/template.xlsx").data)).active
    example = [c.value for c in sheet[2]]
    assert example[0].startswith("#") and example[6] == event.name and example[7] == "Semua 47 indikator SPBE"
    text = host.get("/commitments/import/template.csv").data.decode("utf-8-sig")
    skipped = _preview(host, io.BytesIO(text.encode()), "template.csv")
    assert "No filled-in rows were found" in skipped.get_data(as_text=True)
    unmarked = text.replace("# contoh: ", "")
    staff = _preview(login_as("host_staff", locale="en"), io.BytesIO(unmarked.encode()), "template.csv")
    assert "Only a host admin may create the officer" in staff.get_data(as_text=True)
    preview = _preview(host, io.BytesIO(unmarked.encode()), "template.csv")
    assert preview.status_code == 200, preview.get_data(as_text=True)
    assert _confirm(host, preview).status_code == 302
    commitment = db.session.scalar(select(Commitment))
    assert (commitment.region.code, len(commitment.milestones)) == ("32.04", 47)


def test_host_packages_are_managed_by_the_admin_and_usable_in_imports(login_as):
    admin = login_as("host_admin", locale="en")
    listing = admin.get("/commitments/packages").get_data(as_text=True)
    assert "Semua 47 indikator SPBE" in listing and "Domain Kebijakan Internal SPBE" in listing
    created = admin.post(
        "/commitments/packages/new",
        data={"name": "Paket Layanan Publik", "practices": ["SPBE-33", "HOST-MPP"]},
    )
    assert created.status_code == 302
    duplicate = admin.post("/commitments/packages/new", data={"name": "paket layanan publik", "practices": ["SPBE-01"]})
    assert duplicate.status_code == 422 and "already exists" in duplicate.get_data(as_text=True)
    assert login_as("host_staff").post("/commitments/packages/new", data={"name": "X"}).status_code == 403
    officer_page = login_as("region_officer", locale="en").get("/commitments/packages").get_data(as_text=True)
    assert "Paket Layanan Publik" in officer_page and "Add a package" not in officer_page

    preview = _preview(admin, _csv("Kota Palu,,Hadianto Rasyid,Wali Kota,2022-11-21,,Paket Layanan Publik"))
    assert _confirm(admin, preview).status_code == 302
    codes = sorted(m.practice.code for m in db.session.scalar(select(Commitment)).milestones)
    assert codes == ["HOST-MPP", "SPBE-33"]

    package = db.session.scalar(select(PracticePackage))
    assert admin.post(f"/commitments/packages/{package.id}/delete", data={}).status_code == 302
    assert db.session.scalar(select(func.count(PracticePackage.id))) == 0
    unknown = _preview(admin, _csv("Kota Palu,,Hadianto Rasyid,Wali Kota,2022-11-21,,Paket Layanan Publik"))
    assert "Unknown package: Paket Layanan Publik. Packages: Semua 47 indikator SPBE" in unknown.get_data(as_text=True)


def test_the_form_takes_a_package_an_acting_title_and_an_agency_instead_of_the_host(login_as):
    host = login_as("host_staff", locale="en")
    form = host.get("/commitments/new").get_data(as_text=True)
    assert "Pj. Bupati" in form and "Semua 47 indikator SPBE" in form and "BSKDN Kemendagri" in form
    data = {
        "region": "35.04",
        "signatory_name": "Heru Suseno",
        "signatory_title": "Pj. Bupati",
        "signed_on": "2022-11-21",
        "status": "signed",
        "packages": ["Domain Kebijakan Internal SPBE"],
        "without_host": "y",
        "second_party": "bskdn",
    }
    response = host.post("/commitments/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    commitment = db.session.scalar(select(Commitment))
    assert commitment.signatory_title == "Pj. Bupati" and len(commitment.milestones) == 10
    assert not commitment.host_is_party and commitment.second_party_agency.code == "bskdn"
    page = host.get(f"/commitments/{commitment.id}").get_data(as_text=True)
    assert "BSKDN Kemendagri" in page
    alone = dict(data, second_party="", region="35.05")
    refused = host.post("/commitments/new", data=alone, content_type="multipart/form-data")
    assert refused.status_code == 422 and "name the agency that signed" in refused.get_data(as_text=True)
