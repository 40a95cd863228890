"""Issue 14, point 5 on the pages: the region's evidence library, the picker in the milestone's
update form, and the document page listing every milestone it supports."""

import io
import re

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _version(page):
    return re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)


def _add_document(client, **fields):
    data = {
        "kind": "regulation",
        "title": "Perbup Bandung 12/2024 tentang SPBE",
        "number": "12/2024",
        "enacted_on": "2024-03-01",
        "file": (io.BytesIO(PDF), "perbup.pdf"),
    }
    data.update(fields)
    return client.post("/regions/32.04/documents/new", data=data, content_type="multipart/form-data")


def _link_with_update(client, milestone_id, document_id, **fields):
    page = client.get(f"/milestones/{milestone_id}").get_data(as_text=True)
    data = {"version": _version(page), "library_documents": [str(document_id)], **fields}
    return client.post(f"/milestones/{milestone_id}/update", data=data, content_type="multipart/form-data")


def test_officer_uploads_once_links_two_milestones_and_the_document_lists_both(login_as, make_commitment):
    first, second, third = make_commitment().milestones
    officer = login_as("region_officer", locale="en")
    assert 'href="/regions/32.04/documents"' in officer.get("/regions/32.04/milestones").get_data(as_text=True)

    added = _add_document(officer)
    assert added.status_code == 302, added.get_data(as_text=True)
    document_url = added.headers["Location"]
    document_id = int(document_url.rsplit("/", 1)[1])
    assert "Perbup Bandung 12/2024 tentang SPBE" in officer.get("/regions/32.04/documents").get_data(as_text=True)

    picker = officer.get(f"/milestones/{first.id}").get_data(as_text=True)
    assert 'data-testid="library-picker"' in picker
    assert f'value="{document_id}"' in picker and "Perbup Bandung 12/2024 tentang SPBE · 12/2024" in picker

    assert _link_with_update(officer, first.id, document_id, status="in_progress").status_code == 302
    note = "Perbup berlaku untuk indikator ini"
    assert _link_with_update(officer, second.id, document_id, note=note).status_code == 302
    history = officer.get(f"/milestones/{second.id}").get_data(as_text=True)
    assert "Perbup Bandung 12/2024 tentang SPBE" in history and "No. 12/2024" in history

    page = officer.get(document_url).get_data(as_text=True)
    supported = page.split('data-testid="supported-milestones"')[1]
    assert f"/milestones/{first.id}" in supported and f"/milestones/{second.id}" in supported
    assert f"/milestones/{third.id}" not in supported
    assert officer.get(f"/documents/{document_id}/file").data == PDF


def test_the_upload_form_explains_what_is_missing(login_as):
    officer = login_as("region_officer", locale="en")
    missing = _add_document(officer, file=(io.BytesIO(b""), ""), title="")
    assert missing.status_code == 422
    page = missing.get_data(as_text=True)
    assert 'data-testid="error-summary"' in page and "This field is required." in page
    no_file = _add_document(officer, file=(io.BytesIO(b""), ""))
    assert no_file.status_code == 422 and "A file or a URL." in no_file.get_data(as_text=True)
    linked = _add_document(officer, file=(io.BytesIO(b""), ""), url="https://jdih.example.go.id/perbup-12")
    assert linked.status_code == 302


def test_library_access_by_role_and_region(login_as, make_commitment, make_user):
    milestone = make_commitment().milestones[0]
    host = login_as("host_admin", locale="en")
    foreign = host.post(
        "/regions/51.71/documents/new",
        data={"kind": "decree", "title": "SK Wali Kota Denpasar", "url": "https://jdih.denpasarkota.go.id/sk"},
    )
    assert foreign.status_code == 302
    foreign_id = int(foreign.headers["Location"].rsplit("/", 1)[1])

    officer = login_as("region_officer", locale="en")
    assert officer.get(f"/documents/{foreign_id}").status_code == 404
    assert officer.get("/regions/51.71/documents").status_code == 404
    assert _link_with_update(officer, milestone.id, foreign_id, note="x").status_code == 404
    assert "The library has no documents yet." in officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)

    viewer = login_as("ministry_viewer", locale="en")
    assert viewer.get("/regions/51.71/documents").status_code == 200
    assert viewer.get(f"/documents/{foreign_id}").status_code == 200
    assert viewer.get("/regions/51.71/documents/new").status_code == 403
