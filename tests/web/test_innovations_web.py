"""Innovation pages: the registry with filters, an innovation's adopters and outcomes, the
replication page where the adopter moves stages and the originator verifies, and the aggregate
replication figures on the region page, /national and /public; `seed catalogue` loads the registry."""

import io
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Innovation, OutcomeMeasure, Replication
from livinglab.services import innovations, replications


def _innovation(code):
    return db.session.scalar(select(Innovation).where(Innovation.code == code))


@pytest.fixture
def garut_eskm(make_user):
    """Kabupaten Garut replicates Kabupaten Bandung's e-SKM (Soreang, 10 September 2020)."""
    return replications.create_replication(
        make_user("host_admin"),
        innovation_id=_innovation("BDG-ESKM").id,
        region="32.05",
        parties=[{"role": "sponsor", "kind": "agency", "code": "kemendagri", "unit": "Balitbang"}],
        signed_on=date(2020, 9, 10),
        place="Soreang",
    )


def _form_post(client, url, data, follow=True):
    return client.post(url, data=data, follow_redirects=follow)


def test_the_list_filters_by_text_originator_and_type(login_as):
    client = login_as("region_officer", region="35.04", locale="en")
    page = client.get("/innovations").get_data(as_text=True)
    assert "e-SKM" in page and "Puja Indah" in page and "Regional innovations" in page
    bandung = client.get("/innovations?originator=32.04").get_data(as_text=True)
    assert "APIKS" in bandung and "Puja Indah" not in bandung
    public = client.get("/innovations?type=public_service").get_data(as_text=True)
    assert "e-SKM" in public and "APIKS" not in public
    found = client.get("/innovations?q=koperasi").get_data(as_text=True)
    assert "Sabuk Mas" in found and "e-SKM" not in found
    assert "No innovations match." in client.get("/innovations?q=zzz").get_data(as_text=True)


def test_the_originator_verifies_what_the_adopter_submits_on_the_page(login_as, garut_eskm):
    garut = login_as("region_officer", region="32.05", locale="en")
    bandung = login_as("region_officer", region="32.04", locale="en")
    url = f"/replications/{garut_eskm.id}"
    first = garut_eskm.stages[0]
    page = garut.get(url).get_data(as_text=True)
    assert "Kabupaten Bandung" in page and "Balitbang Kemendagri" in page and "Komitmen" in page
    assert f"/replication-stages/{first.id}/move" in page and "/decision" not in page

    done = _form_post(
        garut, f"/replication-stages/{first.id}/move", {"status": "submitted", "note": "SK ditandatangani"}
    )
    assert "Stage updated." in done.get_data(as_text=True)
    evidence = _form_post(
        garut,
        f"/replication-stages/{first.id}/evidence",
        {
            "kind": "decree",
            "title": "SK Tim Inovasi",
            "url": "",
            "file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "sk.pdf"),
        },
    )
    assert "Evidence added." in evidence.get_data(as_text=True)
    refused = _form_post(garut, f"/replication-stages/{first.id}/decision", {"decision": "verify"})
    assert "Only the host, the originator or the sponsor may verify this stage." in refused.get_data(as_text=True)

    bandung_page = bandung.get(url).get_data(as_text=True)
    assert f"/replication-stages/{first.id}/decision" in bandung_page
    file_link = re.search(r'href="(/replication-evidence/\d+/file)"', bandung_page).group(1)
    assert bandung.get(file_link).data.startswith(b"%PDF")
    verified = _form_post(bandung, f"/replication-stages/{first.id}/decision", {"decision": "verify"})
    assert "Decision recorded." in verified.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Replication, garut_eskm.id).stages[0].status == "verified"
    assert replications.stage_of(db.session.get(Replication, garut_eskm.id)) == (2, "Rapat koordinasi persiapan")

    measure = db.session.scalar(
        select(OutcomeMeasure.id).where(OutcomeMeasure.innovation_id == garut_eskm.innovation_id)
    )
    reported = _form_post(
        garut, f"/replications/{garut_eskm.id}/outcomes", {"measure_id": measure, "period": "2021-03", "value": "840"}
    )
    assert "Outcome reported." in reported.get_data(as_text=True)
    bad = _form_post(
        garut, f"/replications/{garut_eskm.id}/outcomes", {"measure_id": measure, "period": "maret", "value": "1"}
    )
    assert "A period is a year (2021) or a month (2021-03)." in bad.get_data(as_text=True)

    innovation = bandung.get(f"/innovations/{garut_eskm.innovation_id}").get_data(as_text=True)
    assert "Kabupaten Garut" in innovation and "Jawa Barat" in innovation and "Rapat koordinasi persiapan" in innovation
    assert "2021-03" in innovation and "SK Tim Inovasi" in innovation
    assert login_as("region_officer", region="32.06").get(url).status_code == 404


def test_the_sponsor_comments_on_the_page(login_as, garut_eskm):
    sponsor = login_as("ministry_viewer", agency="kemendagri", locale="en")
    stage = garut_eskm.stages[0]
    answer = _form_post(sponsor, f"/replication-stages/{stage.id}/comment", {"comment": "Mohon lampirkan SK."})
    assert "Comment added." in answer.get_data(as_text=True) and "Mohon lampirkan SK." in answer.get_data(as_text=True)
    other = login_as("ministry_viewer", agency="komdigi", locale="en")
    assert f"/replication-stages/{stage.id}/comment" not in other.get(f"/replications/{garut_eskm.id}").get_data(
        as_text=True
    )


def test_region_page_national_and_public_show_replication(login_as, garut_eskm, app, web):
    region = login_as("host_staff", locale="en").get("/regions/32.05").get_data(as_text=True)
    assert "Innovations replicated" in region and "stage 1 of 6, Komitmen" in region
    national = login_as("ministry_viewer", locale="en").get("/national").get_data(as_text=True)
    assert "Replication of regional innovations" in national
    app.config["PUBLIC_BOARD"] = True
    board = web.get("/public").get_data(as_text=True)
    section = board[board.index('data-testid="replication-stages"') :]
    assert "<td>Komitmen</td><td>1</td>" in section.replace("\n", "")
    assert "Kabupaten Garut" not in section, "aggregate only"


def test_host_admin_edits_the_stage_template_on_the_page(login_as):
    admin = login_as("host_admin", locale="en")
    apiks = innovations.create_innovation(
        admin.user, code="TEST-PAGE", name="Uji halaman", originator={"kind": "agency", "code": "bssn"}, type="other"
    )
    page = admin.get(f"/innovations/{apiks.id}").get_data(as_text=True)
    assert "Komitmen → Rapat koordinasi persiapan → Pelatihan pamong inovasi" in page
    saved = admin.post(
        f"/innovations/{apiks.id}/stages", data={"stages": "Komitmen\nUji coba\n\nPenerapan"}, follow_redirects=True
    )
    assert "Stage template saved" in saved.get_data(
        as_text=True
    ) and "Komitmen → Uji coba → Penerapan" in saved.get_data(as_text=True)
    assert 'name="stages"' not in login_as("host_staff").get(f"/innovations/{apiks.id}").get_data(as_text=True)


def test_seed_catalogue_loads_the_innovation_registry(runner):
    result = runner.invoke(args=["seed", "catalogue"])
    assert result.exit_code == 0, result.output
    registry = {i.code: i for i in db.session.scalars(select(Innovation))}
    assert {"BDG-ESKM", "BDG-APIKS", "BDG-SABUK-MAS", "KEMENDAGRI-PUJA-INDAH"} <= set(registry)
    assert registry["BDG-APIKS"].name == "APIKS (Aplikasi Kelitbangan Sabilulungan)"
    assert registry["BDG-SABUK-MAS"].originator_region.code == "32.04"
    assert registry["KEMENDAGRI-PUJA-INDAH"].originator_agency.code == "kemendagri"
    assert all(i.source for i in registry.values())
    count = db.session.scalar(select(func.count(OutcomeMeasure.id)))
    again = runner.invoke(args=["seed", "catalogue"])
    assert "nothing changed" in again.output and db.session.scalar(select(func.count(OutcomeMeasure.id))) == count


def test_a_refused_stage_form_comes_back_filled_in_its_own_stage(login_as, garut_eskm):
    garut = login_as("region_officer", region="32.05", locale="en")
    first, second = garut_eskm.stages[0], garut_eskm.stages[1]
    refused = garut.post(
        f"/replication-stages/{first.id}/evidence", data={"kind": "decree", "title": "SK Tim Inovasi", "url": "sk"}
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert f'id="title-{first.id}" name="title" value="SK Tim Inovasi"' in page
    assert f'id="title-{second.id}" name="title" value=""' in page, "other stages' forms stay empty"
    assert f'href="#url-{first.id}">Link (1. Komitmen): A link starts with http:// or https://.</a>' in page

    not_a_verifier = garut.post(f"/replication-stages/{first.id}/decision", data={"decision": "verify"})
    assert not_a_verifier.status_code == 403
    assert 'data-testid="error-summary"' in not_a_verifier.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Replication, garut_eskm.id).stages[0].evidence == []
