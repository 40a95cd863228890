"""The milestone page by role: the officer reads the host's word first, the verifier the evidence
first; errors are summarised at the top and keep what was typed; evidence previews are framed by
our own pages only."""

import io
import re

from hostile_files import archive

from livinglab.services import milestones
from livinglab.services.milestones import EvidenceInput
from livinglab.web.security import CSP, FRAMEABLE_CSP

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DOCX = archive({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def _version(page_html):
    return re.search(r'name="version" type="hidden" value="(\d+)"', page_html).group(1)


def _submitted(officer, milestone, note="Perbup signed and uploaded", files=(("perbup.pdf", PDF),)):
    """The officer submits through the service, with the given files as evidence."""
    evidence = [EvidenceInput("regulation", name, file=(data, name)) for name, data in files]
    return milestones.update(
        officer, milestone.id, version=milestone.version, status="submitted", level=3, note=note, evidence=evidence
    )


def _returned(host, milestone, comment):
    return milestones.verify(host, milestone.id, decision="return", comment=comment, version=milestone.version)


def _positions(html, *markers):
    positions = [html.index(marker) for marker in markers]
    assert positions == sorted(positions), list(zip(markers, positions, strict=True))


def test_officer_reads_the_return_reason_and_due_date_before_the_form(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer", locale="en")
    host = login_as("host_staff", locale="en")
    milestone = _submitted(officer.user, milestone)
    _returned(host.user, milestone, "The SK is unsigned: attach the signed page")
    html = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    _positions(
        html,
        'data-testid="host-comment"',
        "The SK is unsigned: attach the signed page",
        "June 30, 2023",
        'data-testid="update-form"',
        'id="history-heading"',
    )
    comment = html[html.index('data-testid="host-comment"') : html.index('data-testid="update-form"')]
    assert "Returned for rework" in comment and "Due date" in comment and "Overdue" in comment
    assert 'data-testid="decision-form"' not in html


def test_officer_sees_the_latest_host_comment_only(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer", locale="en")
    host = login_as("host_staff", locale="en")
    milestone = _returned(host.user, _submitted(officer.user, milestone), "First: wrong year")
    milestone = _returned(host.user, _submitted(officer.user, milestone, note="fixed"), "Second: no stamp")
    html = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    comment = html[html.index('data-testid="host-comment"') : html.index('data-testid="update-form"')]
    assert "Second: no stamp" in comment and "First: wrong year" not in comment


def test_a_milestone_the_host_never_commented_has_no_comment_box(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer", locale="en")
    html = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    assert 'data-testid="host-comment"' not in html
    _positions(html, 'data-testid="due-date"', 'data-testid="update-form"', 'id="history-heading"')


def test_verifier_sees_the_evidence_and_note_before_the_decision(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer", locale="en")
    host = login_as("host_staff", locale="en")
    milestone = _returned(host.user, _submitted(officer.user, milestone, files=[("old.pdf", PDF)]), "Redo")
    milestone = _submitted(
        officer.user,
        milestone,
        note="Signed Perbup and the launch photo",
        files=[("perbup-signed.pdf", PDF), ("launch.png", PNG), ("sop.docx", DOCX)],
    )
    html = host.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    _positions(
        html,
        'data-testid="review-evidence"',
        "Signed Perbup and the launch photo",
        'data-testid="decision-form"',
        'data-testid="history"',
    )
    assert 'data-testid="update-form"' not in html
    evidence = html[html.index('data-testid="review-evidence"') : html.index('data-testid="decision-form"')]
    previews = re.findall(r'<(iframe|img) class="[^"]*" src="(/evidence/(\d+)/file\?preview=1)"', evidence)
    assert [tag for tag, _, _ in previews] == ["img", "iframe"], "the PNG and the new PDF, newest first"
    assert "sop.docx" in evidence and evidence.count("?preview=1") == 2, "a DOCX is a link, not a preview"
    assert "Earlier evidence (1)" in evidence and "old.pdf" in evidence
    assert 'class="col-lg-7"' in html and 'class="col-lg-5"' in html


def test_decision_without_a_choice_is_422_with_summary_and_inline_error(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer", locale="en")
    host = login_as("host_staff", locale="en")
    milestone = _submitted(officer.user, milestone)
    response = host.post(
        f"/milestones/{milestone.id}/verification",
        data={"version": str(milestone.version), "verified_level": "3", "comment": "Looks complete to me"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    message = "Choose a decision: verify or return for rework."
    _positions(html, 'data-testid="error-summary"', 'href="#decision"', message, 'data-testid="decision-form"')
    decision = html[html.index('data-testid="decision-form"') :]
    assert 'id="decision" aria-describedby="decision-error"' in decision
    assert f'data-testid="decision-error">{message}</div>' in decision
    assert "Looks complete to me</textarea>" in decision, "the comment typed is kept"
    assert '<option selected value="3">' in decision, "the level chosen is kept"
    assert milestones.get(host.user, milestone.id).status == "submitted"


def test_decision_error_in_indonesian_by_default(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer")
    host = login_as("host_staff")
    milestone = _submitted(officer.user, milestone)
    response = host.post(f"/milestones/{milestone.id}/verification", data={"version": str(milestone.version)})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Ada masalah" in html and "Simpan keputusan" in html
    assert "Pilih keputusan: verifikasi atau kembalikan untuk perbaikan." in html


def test_a_rule_error_on_the_decision_lands_under_its_field(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer", locale="en")
    host = login_as("host_staff", locale="en")
    milestone = _submitted(officer.user, milestone)
    response = host.post(
        f"/milestones/{milestone.id}/verification", data={"version": str(milestone.version), "decision": "return"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    _positions(html, 'data-testid="error-summary"', 'href="#comment"', 'data-testid="decision-form"')
    assert html.count("A comment is required to return a milestone.") == 2, "in the summary and under the field"
    assert re.search(r'<input checked class="form-check-input[^"]*" id="decision-1"[^>]*value="return">', html)


def test_update_form_keeps_everything_typed_and_names_the_file(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer", locale="en")
    page = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    response = officer.post(
        f"/milestones/{milestone.id}/update",
        data={
            "version": _version(page),
            "status": "submitted",
            "level": "3",
            "note": "Perbup attached, see page 4",
            "evidence_kind": "regulation",
            "evidence_title": "Perbup 10/2023",
            "evidence_number": "10/2023",
            "evidence_date": "2023-04-01",
            "evidence_url": "not a link",
            "evidence_file": (io.BytesIO(PDF), "perbup-10-2023.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    _positions(html, 'data-testid="error-summary"', 'href="#evidence_url"', 'data-testid="update-form"')
    form = html[html.index('data-testid="update-form"') :]
    assert '<option selected value="submitted">' in form and '<option selected value="3">' in form
    assert "Perbup attached, see page 4</textarea>" in form
    assert '<option selected value="regulation">' in form
    for value in ("Perbup 10/2023", "10/2023", "2023-04-01", "not a link"):
        assert f'value="{value}"' in form, value
    assert "Selected file: perbup-10-2023.pdf — choose it again" in form
    assert 'aria-describedby="evidence_file-help"' in form


def test_a_rule_error_on_the_update_keeps_the_fields_too(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer")
    page = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    response = officer.post(
        f"/milestones/{milestone.id}/update",
        data={
            "version": _version(page),
            "status": "blocked",
            "evidence_title": "Surat Sekda",
            "evidence_file": (io.BytesIO(PDF), "surat.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'data-testid="error-summary"' in html and 'href="#note"' in html
    form = html[html.index('data-testid="update-form"') :]
    assert '<option selected value="blocked">' in form and 'value="Surat Sekda"' in form
    assert "File yang dipilih: surat.pdf — pilih lagi" in form


def test_viewer_reads_the_page_without_forms(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer")
    milestone = _submitted(officer.user, milestone)
    viewer = login_as("ministry_viewer", locale="en")
    html = viewer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    assert "<form" not in html[html.index("<main") :]
    assert 'data-testid="decision-form"' not in html and 'data-testid="update-form"' not in html
    _positions(html, 'data-testid="milestone-summary"', 'data-testid="history"')


def _evidence_ids(host, milestone):
    """File name → evidence id, read from the links on the milestone page."""
    html = host.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    return {name: number for number, name in re.findall(r'href="/evidence/(\d+)/file">([^<]+)</a>', html)}


def test_previews_are_inline_and_framable_by_us_only(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer")
    host = login_as("host_staff")
    milestone = _submitted(officer.user, milestone, files=[("a.pdf", PDF), ("b.png", PNG), ("c.docx", DOCX)])
    ids = _evidence_ids(host, milestone)
    for name, content_type in (("a.pdf", "application/pdf"), ("b.png", "image/png")):
        preview = host.get(f"/evidence/{ids[name]}/file?preview=1")
        assert preview.status_code == 200 and preview.headers["Content-Type"] == content_type
        assert preview.headers["Content-Disposition"].startswith("inline")
        assert preview.headers["Content-Security-Policy"] == FRAMEABLE_CSP
        assert "frame-ancestors 'self'" in FRAMEABLE_CSP and "frame-ancestors 'none'" not in FRAMEABLE_CSP
        assert preview.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert preview.headers["X-Content-Type-Options"] == "nosniff"
        download = host.get(f"/evidence/{ids[name]}/file")
        assert download.headers["Content-Disposition"].startswith("attachment")
        assert download.headers["Content-Security-Policy"] == CSP and download.headers["X-Frame-Options"] == "DENY"
    docx = host.get(f"/evidence/{ids['c.docx']}/file?preview=1")
    assert docx.headers["Content-Disposition"].startswith("attachment")
    assert docx.headers["Content-Security-Policy"] == CSP and docx.headers["X-Frame-Options"] == "DENY"
    page = host.get(f"/milestones/{milestone.id}")
    assert page.headers["Content-Security-Policy"] == CSP and page.headers["X-Frame-Options"] == "DENY"


def test_preview_keeps_the_scope(login_as, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer")
    milestone = _submitted(officer.user, milestone)
    evidence_id = milestone.evidence[0].id
    stranger = login_as("region_officer", region="51.71")
    assert stranger.get(f"/evidence/{evidence_id}/file?preview=1").status_code == 404
    assert officer.get(f"/evidence/{evidence_id}/file?preview=1").status_code == 200
