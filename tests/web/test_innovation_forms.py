"""Web forms that add an innovation (host admin) and record a replication (host staff) with the
default stages; bad input gives errors under the fields and saves nothing."""

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Innovation, Replication


def _innovation_id(code):
    return db.session.scalar(select(Innovation.id).where(Innovation.code == code))


def _count(model):
    return db.session.scalar(select(func.count(model.id)))


GOOD = {
    "code": "BDG-SIP",
    "name": "Sistem Informasi Pelayanan Desa",
    "originator_kind": "region",
    "originator_region": "32.04",
    "originator_agency": "",
    "type": "public_service",
    "description": "Layanan administrasi desa secara daring.",
    "first_year": "2019",
    "links": "https://bandungkab.go.id/sip\nhttps://example.org/sip",
    "measures-0-name": "Permohonan per bulan",
    "measures-0-unit": "permohonan",
    "measures-1-name": "",
    "measures-1-unit": "",
    "measures-2-name": "Desa terlayani",
    "measures-2-unit": "desa",
}


def test_host_admin_adds_an_innovation_through_the_form(login_as):
    admin = login_as("host_admin", locale="en")
    index = admin.get("/innovations").get_data(as_text=True)
    assert 'href="/innovations/new"' in index
    form = admin.get("/innovations/new").get_data(as_text=True)
    assert "Kabupaten Bandung" in form and "Kemendagri" in form and "Public service" in form

    done = admin.post("/innovations/new", data=GOOD, follow_redirects=True)
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and "Innovation added to the registry." in page
    innovation = db.session.get(Innovation, _innovation_id("BDG-SIP"))
    assert innovation.originator_region.code == "32.04" and innovation.first_year == 2019
    assert [(m.name, m.unit) for m in innovation.measures] == [
        ("Permohonan per bulan", "permohonan"),
        ("Desa terlayani", "desa"),
    ]
    assert innovation.link_list == ["https://bandungkab.go.id/sip", "https://example.org/sip"]
    assert "Komitmen → Rapat koordinasi persiapan" in page, "the default stage template"

    agency = admin.post(
        "/innovations/new",
        data={**GOOD, "code": "BSSN-CSIRT", "originator_kind": "agency", "originator_agency": "bssn"},
        follow_redirects=True,
    )
    assert "Innovation added to the registry." in agency.get_data(as_text=True)
    assert db.session.get(Innovation, _innovation_id("BSSN-CSIRT")).originator_agency.code == "bssn"


def test_bad_innovation_input_shows_errors_and_saves_nothing(login_as):
    admin = login_as("host_admin", locale="en")
    before = _count(Innovation)
    bad = admin.post(
        "/innovations/new",
        data={
            **GOOD,
            "code": "bdg eskm!",
            "originator_region": "",
            "type": "",
            "links": "bandungkab.go.id",
            "measures-0-unit": "",
        },
    )
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert "Capital letters, digits and dashes, e.g. BDG-ESKM." in page
    assert "Unknown originator" in page and "The type is one of" in page
    assert "each starting with http:// or https://" in page
    assert "Each outcome measure needs a name and a unit." in page
    assert _count(Innovation) == before

    taken = admin.post("/innovations/new", data={**GOOD, "code": "BDG-ESKM"})
    assert taken.status_code == 422 and "This code is already in the registry." in taken.get_data(as_text=True)
    too_old = admin.post("/innovations/new", data={**GOOD, "first_year": "1800"})
    assert too_old.status_code == 422 and _count(Innovation) == before


def test_only_the_host_admin_may_add_an_innovation(login_as):
    staff = login_as("host_staff")
    assert staff.get("/innovations/new").status_code == 403
    assert 'href="/innovations/new"' not in staff.get("/innovations").get_data(as_text=True)


def test_host_staff_record_a_replication_with_its_sponsor_and_stages(login_as):
    staff = login_as("host_staff", locale="en")
    eskm = _innovation_id("BDG-ESKM")
    page = staff.get(f"/innovations/{eskm}").get_data(as_text=True)
    assert f'href="/innovations/{eskm}/replications/new"' in page
    form = staff.get(f"/innovations/{eskm}/replications/new").get_data(as_text=True)
    assert "Originator: Kabupaten Bandung" in form and "Komitmen → Rapat koordinasi persiapan" in form

    done = staff.post(
        f"/innovations/{eskm}/replications/new",
        data={
            "region": "35.04",
            "sponsor": "kemendagri",
            "sponsor_unit": "Balitbang",
            "signed_on": "2018-07-25",
            "place": "Tulungagung",
        },
        follow_redirects=True,
    )
    text = done.get_data(as_text=True)
    assert "Replication recorded with its stages." in text
    assert "originator: Kabupaten Bandung" in text and "sponsor: Balitbang Kemendagri" in text
    replication = db.session.scalar(select(Replication).where(Replication.innovation_id == eskm))
    assert replication.region.code == "35.04" and replication.place == "Tulungagung"
    assert [s.name for s in replication.stages][:2] == ["Komitmen", "Rapat koordinasi persiapan"]
    assert len(replication.stages) == 6


def test_the_originator_cannot_adopt_and_a_second_replication_is_refused(login_as):
    staff = login_as("host_staff", locale="en")
    eskm = _innovation_id("BDG-ESKM")
    url = f"/innovations/{eskm}/replications/new"
    own = staff.post(url, data={"region": "32.04", "sponsor": ""})
    assert own.status_code == 422
    assert "Kabupaten Bandung originated this innovation: it cannot adopt it." in own.get_data(as_text=True)
    missing = staff.post(url, data={"region": "", "sponsor": ""})
    assert missing.status_code == 422 and "Unknown region code." in missing.get_data(as_text=True)
    assert _count(Replication) == 0

    assert staff.post(url, data={"region": "32.05", "sponsor": ""}).status_code == 302
    again = staff.post(url, data={"region": "32.05", "sponsor": ""})
    assert again.status_code == 422 and "already replicates this innovation" in again.get_data(as_text=True)
    assert _count(Replication) == 1


def test_region_officers_may_not_record_replications(login_as):
    officer = login_as("region_officer", region="32.05")
    eskm = _innovation_id("BDG-ESKM")
    assert officer.get(f"/innovations/{eskm}/replications/new").status_code == 403
    assert "/replications/new" not in officer.get(f"/innovations/{eskm}").get_data(as_text=True)
