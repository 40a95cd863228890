"""The host admin loads official results through a page: upload, see what will change, confirm."""

import io
import re

from sqlalchemy import func, select

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import Evaluation
from livinglab.services import evaluations

CSV = (
    "region,year,index,source,SPBE-01,SPBE-33\n"
    "32.11,2023,3.84,KepmenPANRB 13/2024,4,5\n"
    "Kab. Bandung,2023,2.59,KepmenPANRB 13/2024,,\n"
)
TICKET = re.compile(r'name="ticket" type="hidden" value="([^"]+)"')


def _check(client, text=CSV, **fields):
    data = {"file": (io.BytesIO(text.encode()), "hasil.csv"), **fields}
    return client.post("/evaluations/import", data=data, content_type="multipart/form-data")


def _ticket(response):
    match = TICKET.search(response.get_data(as_text=True))
    return match.group(1) if match else None


def _count():
    return db.session.scalar(select(func.count(Evaluation.id)))


def test_upload_preview_confirm_then_the_results_are_listed(login_as):
    admin = login_as("host_admin", locale="en")
    assert admin.get("/evaluations/import").status_code == 200
    preview = _check(admin)
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200, html
    assert 'data-outcome="created"' in html and "Kabupaten Bandung" in html and "Sangat Baik" in html
    assert "New: <strong>2</strong>" in html and _count() == 0
    done = admin.post("/evaluations/import/confirm", data={"ticket": _ticket(preview)})
    assert done.status_code == 302 and done.headers["Location"].endswith("/evaluations?year=2023")
    assert _count() == 2
    listing = admin.get("/evaluations?year=2023").get_data(as_text=True)
    assert "Results saved: 2 new, 0 changed." in listing
    assert 'data-region="32.11"' in listing and "3.84" in listing and "KepmenPANRB 13/2024" in listing


def test_the_same_file_again_has_nothing_to_confirm(login_as):
    admin = login_as("host_admin", locale="en")
    admin.post("/evaluations/import/confirm", data={"ticket": _ticket(_check(admin))})
    again = _check(admin)
    html = again.get_data(as_text=True)
    assert again.status_code == 200 and "Nothing to change" in html and _ticket(again) is None
    assert html.count('data-outcome="unchanged"') == 2


def test_a_bad_row_is_summarised_and_nothing_can_be_confirmed(login_as):
    admin = login_as("host_admin", locale="en")
    bad = CSV + "99.99,2023,6,KepmenPANRB 13/2024,,\n"
    response = _check(admin, bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'data-testid="error-summary"' in html and 'href="#row-4"' in html
    assert "Unknown region: 99.99" in html and "outside 0–5" in html
    assert _ticket(response) is None and _count() == 0


def test_the_forms_defaults_fill_the_rows_and_a_missing_file_is_an_error(login_as):
    admin = login_as("host_admin", locale="en")
    missing = admin.post("/evaluations/import", data={"year": "2023"}, content_type="multipart/form-data")
    assert missing.status_code == 422 and 'href="#file"' in missing.get_data(as_text=True)
    text = "region,index\n32.11,3.84\n"
    preview = _check(admin, text, year="2023", source="KepmenPANRB 13/2024", evaluated_on="2024-01-15")
    assert preview.status_code == 200 and _ticket(preview)
    admin.post("/evaluations/import/confirm", data={"ticket": _ticket(preview)})
    stored = db.session.scalar(select(Evaluation))
    assert (stored.year, stored.source, stored.evaluated_on.isoformat()) == (2023, "KepmenPANRB 13/2024", "2024-01-15")


def test_confirm_checks_again_and_refuses_a_forged_or_foreign_ticket(login_as):
    admin = login_as("host_admin", locale="en")
    ticket = _ticket(_check(admin))
    forged = admin.post("/evaluations/import/confirm", data={"ticket": ticket[:-2] + "xx"})
    assert forged.status_code == 422 and "upload the file again" in forged.get_data(as_text=True)
    other = login_as("host_admin", locale="en")
    assert other.post("/evaluations/import/confirm", data={"ticket": ticket}).status_code == 422
    assert _count() == 0
    # Loaded meanwhile by someone else: the confirmation finds nothing left to change.
    evaluations.import_file(policy.SYSTEM, CSV.encode())
    late = admin.post("/evaluations/import/confirm", data={"ticket": ticket})
    assert late.status_code == 200 and "Nothing to change" in late.get_data(as_text=True)
    assert _count() == 2


def test_templates_list_every_indicator(login_as):
    admin = login_as("host_admin", locale="en")
    header = admin.get("/evaluations/import/template.csv").get_data(as_text=True).lstrip("\ufeff").splitlines()[0]
    assert header.startswith("Region,Year,Index,Source,Evaluation date,SPBE-01,") and header.endswith("SPBE-47")
    xlsx = admin.get("/evaluations/import/template.xlsx")
    assert xlsx.status_code == 200 and xlsx.data.startswith(b"PK")


def test_who_sees_the_pages_and_the_menu(login_as):
    evaluations.import_file(policy.SYSTEM, CSV.encode())
    admin_home = login_as("host_admin", locale="en").get("/home").get_data(as_text=True)
    assert "/evaluations/import" in admin_home and 'href="/evaluations"' in admin_home
    staff = login_as("host_staff", locale="en")
    assert staff.get("/evaluations/import").status_code == 403
    assert "/evaluations/import" not in staff.get("/home").get_data(as_text=True)
    assert 'data-region="32.04"' in login_as("ministry_viewer").get("/evaluations").get_data(as_text=True)
    officer = login_as("region_officer", region="32.04").get("/evaluations").get_data(as_text=True)
    assert 'data-region="32.04"' in officer and 'data-region="32.11"' not in officer
