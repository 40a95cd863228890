"""PDF reports: every kind renders, real extractable text, escaped input, both languages."""

import io
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import SigningEvent
from livinglab.services import milestones

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _text(data):
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return text, len(reader.pages)


def _prepared(make_commitment, make_user):
    event = SigningEvent(name="Penandatanganan UID Bali", place="Bali", date=date(2022, 11, 21))
    db.session.add(event)
    db.session.commit()
    commitment = make_commitment(signing_event_id=event.id, signatory_name=f"Dadang {XSS}")
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    m = commitment.milestones[0]
    milestones.update(officer, m.id, version=1, status="submitted", level=3, note=XSS)
    milestones.verify(mentor, m.id, decision="return", comment=f"Lengkapi SK {XSS}")
    return event, commitment


def test_every_report_kind_renders_with_real_text(api_as, make_commitment, make_user, runner, tmp_path):
    event, _commitment = _prepared(make_commitment, make_user)
    host = api_as("host_staff")
    region = host.get("/api/v1/regions/32.04/report.pdf")
    assert region.status_code == 200 and region.mimetype == "application/pdf"
    text, pages = _text(region.data)
    assert "Kabupaten Bandung" in text and "Lengkapi SK" in text and pages >= 2
    assert "<script>" in text  # shown as text, never interpreted: the PDF has no scripts
    national, _pages = _text(api_as("ministry_viewer").get("/api/v1/reports/national.pdf").data)
    assert "Jawa Barat" in national and "cahyadsn" in national
    result = runner.invoke(args=["reports", "event", str(event.id), "-o", str(tmp_path / "e.pdf")])
    assert result.exit_code == 0, result.output
    event_text, _pages = _text((tmp_path / "e.pdf").read_bytes())
    assert "Penandatanganan UID Bali" in event_text and "Kabupaten Bandung" in event_text


def test_reports_follow_the_language_and_the_scope(api_as, make_commitment, make_user):
    _prepared(make_commitment, make_user)
    indonesian, _ = _text(api_as("region_officer").get("/api/v1/regions/32.04/report.pdf").data)
    english, _ = _text(api_as("region_officer", locale="en").get("/api/v1/regions/32.04/report.pdf").data)
    assert "Laporan status" in indonesian and "Status report" in english
    assert "Halaman" in indonesian
    assert api_as("region_officer", region="51.71").get("/api/v1/regions/32.04/report.pdf").status_code == 404
    assert api_as("region_officer").get("/api/v1/reports/national.pdf").status_code == 403


def test_cli_reports_with_clear_errors(runner, tmp_path, make_commitment):
    make_commitment()
    ok = runner.invoke(args=["reports", "region", "32.04", "-o", str(tmp_path / "r.pdf")])
    assert ok.exit_code == 0 and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
    bad = runner.invoke(args=["reports", "region", "99.99", "-o", str(tmp_path / "x.pdf")])
    assert bad.exit_code != 0 and "99.99" in bad.output and len(bad.output.strip().splitlines()) == 1
    assert runner.invoke(args=["reports", "national", "-o", str(tmp_path / "n.pdf")]).exit_code == 0


def test_pages_offer_the_pdfs(login_as, make_commitment):
    make_commitment()
    event_id = db.session.scalar(select(SigningEvent.id))
    viewer = login_as("ministry_viewer", locale="en")
    assert viewer.get("/regions/32.04/report.pdf").data.startswith(b"%PDF-")
    assert viewer.get("/national/report.pdf").data.startswith(b"%PDF-")
    assert event_id is None or viewer.get(f"/events/{event_id}/report.pdf").status_code == 200
