"""Issue 16, point 7: page 1 of every report is the summary a Sekda reads; the weekly status sheet
is that page plus the open items, two pages at most. Indonesian by default, English on request."""

import io
from datetime import date, timedelta
from decimal import Decimal

from pypdf import PdfReader

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import SigningEvent
from livinglab.services import evaluations, milestones, reports
from livinglab.services.evaluations import EvaluationInput

ALL_47 = tuple(f"SPBE-{n:02d}" for n in range(1, 48))
LONG_NOTE = "Lengkapi SK Bupati tentang Tim Koordinasi SPBE beserta lampiran dan notulen rapat. " * 12


def _pages(data):
    assert data.startswith(b"%PDF-")
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def _official(region, year, index, levels=None):
    row = EvaluationInput(row=1, region=region, index=index, levels=levels or {})
    report = evaluations.import_results(policy.SYSTEM, [row], year=year, source="KepmenPANRB 13/2024")
    assert report.saved == 1, report.rows


def _bandung(make_commitment, make_user, note="Lengkapi SK Tim Koordinasi SPBE", practices=("SPBE-01", "SPBE-21")):
    """Kabupaten Bandung: official 2023 index 2.50, target 3.50 by 2025, every milestone overdue, the
    first one returned by the host with `note`."""
    commitment = make_commitment(practices=practices, target_index=Decimal("3.50"), target_year=2025)
    _official("32.04", 2023, "2.50")
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    first = commitment.milestones[0]
    milestones.update(officer, first.id, version=first.version, status="submitted", level=3, note="SK terlampir")
    milestones.verify(mentor, first.id, decision="return", comment=note)
    return commitment


def test_region_report_opens_with_the_summary(api_as, make_commitment, make_user):
    _bandung(make_commitment, make_user)
    indonesian = _pages(api_as("host_staff").get("/api/v1/regions/32.04/report.pdf").data)
    first = indonesian[0]
    assert "Kabupaten Bandung" in first and "Laporan status" in first
    assert "Indeks SPBE resmi 2,50" in first and "evaluasi 2023" in first
    assert "cakupan: hasil resmi 2023" in first  # the estimate's coverage beside it
    assert "Target 3,50" in first and "Indeks SPBE 3,50 pada 2025" in first and "selisih 1,00" in first
    assert "Kemajuan 0%" in first and "0/2 terverifikasi" in first
    assert "Terlambat 2" in first and "SPBE-01" in first and "SPBE-21" in first
    assert "Yang diminta tuan rumah" in first and "Lengkapi SK Tim Koordinasi SPBE" in first
    # then the charts, then the annex: the milestone table and the history are not on page 1
    assert "Lampiran" not in first and "Riwayat terbaru" not in first
    annex = next(n for n, text in enumerate(indonesian) if "Lampiran" in text)
    charts = next(n for n, text in enumerate(indonesian) if "Kemajuan dari waktu ke waktu" in text)
    assert 0 < charts < annex or 0 < charts == annex

    english = _pages(api_as("region_officer", locale="en").get("/api/v1/regions/32.04/report.pdf").data)[0]
    assert "Status report" in english and "Official SPBE index 2.50" in english and "evaluation 2023" in english
    assert "coverage: official result 2023" in english and "Indeks SPBE 3.50 by 2025" in english
    assert "gap 1.00" in english and "What the host asked for" in english and "Overdue 2" in english


def test_no_official_result_and_thin_coverage_give_no_grade(api_as, make_commitment, make_user):
    # Kabupaten Ende: no official result, one indicator verified (SPBE-42, 3% of the weight).
    commitment = make_commitment(region="53.08", practices=("SPBE-42",), target_index=Decimal("2.60"))
    officer, mentor = make_user("region_officer", region="53.08"), make_user("host_staff")
    m = commitment.milestones[0]
    milestones.update(officer, m.id, version=m.version, status="submitted", level=3)
    milestones.verify(mentor, m.id, decision="verify", level=3)
    first = _pages(api_as("host_staff").get("/api/v1/regions/53.08/report.pdf").data)[0]
    assert "Indeks SPBE resmi belum ada" in first and "cakupan 3%" in first and "data belum cukup" in first
    assert "Baik" not in first and "Cukup" not in first  # no predicate on 3% coverage
    assert "Target 2,60" in first and "belum diketahui" in first  # the gap is unknown, never a number
    english = _pages(api_as("ministry_viewer", locale="en").get("/api/v1/regions/53.08/report.pdf").data)[0]
    assert "Official SPBE index none yet" in english and "coverage 3%" in english and "not enough data" in english


def test_status_sheet_is_the_summary_and_the_open_items(app, make_commitment, make_user):
    commitment = _bandung(make_commitment, make_user, practices=("SPBE-01", "SPBE-21", "SPBE-33"))
    region = commitment.region
    today = date(2023, 7, 10)  # ten days after the milestones' due date
    for locale, words in (
        ("id", ("Lembar status mingguan", "Indeks SPBE resmi 2,50", "Target 3,50", "3 tonggak capaian terbuka")),
        ("en", ("Weekly status sheet", "Official SPBE index 2.50", "Target 3.50", "3 open milestones")),
    ):
        pages = _pages(reports.status_sheet(policy.SYSTEM, region, locale=locale, today=today))
        assert len(pages) == 2
        assert all(word in " ".join(pages) for word in words), (locale, pages)
        assert words[1] in pages[0] and words[2] in pages[0]
        assert all(code in pages[1] for code in ("SPBE-01", "SPBE-21", "SPBE-33"))
        assert pages[1].index("SPBE-01") < pages[1].index("SPBE-21")  # the returned one first
        assert "http://localhost/regions/32.04/report.pdf" in pages[1]


def test_status_sheet_stays_within_two_pages(app, make_commitment, make_user):
    commitment = make_commitment(practices=ALL_47, target_index=Decimal("3.00"), target_year=2025)
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    for m in commitment.milestones[:6]:  # six long return reasons
        milestones.update(officer, m.id, version=m.version, status="submitted", level=2, note="terlampir")
        milestones.verify(mentor, m.id, decision="return", comment=LONG_NOTE)
    today = commitment.milestones[0].due_date + timedelta(days=30)
    pages = _pages(reports.status_sheet(policy.SYSTEM, commitment.region, locale="id", today=today))
    assert len(pages) == 2
    assert "47 tonggak capaian terbuka" in pages[1]
    assert "27 tonggak capaian terbuka lainnya ada di laporan lengkap" in pages[1]
    assert "dan 42 tonggak capaian terlambat lainnya" in pages[0]
    assert "dan 3 tonggak capaian dikembalikan lainnya" in pages[0]


def _event_of_three(make_commitment, make_user):
    """UID Bali: Bandung (official 2023 2.50, target 2.40: reached by the official result), Denpasar
    (one milestone verified: the most progress), Ende (nothing official, nothing verified)."""
    event = SigningEvent(name="Penandatanganan UID Bali", place="Bali", date=date(2022, 11, 21))
    db.session.add(event)
    db.session.commit()
    make_commitment(signing_event_id=event.id, target_index=Decimal("2.40"), target_year=2023)
    denpasar = make_commitment(region="51.71", practices=("SPBE-01", "SPBE-02"), signing_event_id=event.id)
    make_commitment(region="53.08", signing_event_id=event.id, target_index=Decimal("2.60"))
    _official("32.04", 2023, "2.50")
    m = denpasar.milestones[0]
    milestones.update(make_user("region_officer", region="51.71"), m.id, version=m.version, status="submitted", level=3)
    milestones.verify(make_user("host_staff"), m.id, decision="verify", level=3)
    return event


def test_event_report_opens_with_its_summary_then_the_table_by_progress(login_as, make_commitment, make_user):
    event = _event_of_three(make_commitment, make_user)
    pages = _pages(login_as("ministry_viewer").get(f"/events/{event.id}/report.pdf").data)
    first = pages[0]
    assert "Laporan acara penandatanganan" in first and "Penandatanganan UID Bali" in first
    assert "Komitmen 3" in first and "Target tercapai 1/2" in first
    assert "Indeks SPBE resmi 1/3" in first and "daerah yang memiliki hasil evaluasi resmi" in first
    assert "dihitung mulai cakupan 60%" in first  # the average takes only estimates with enough coverage
    reached = first[first.index("Mencapai target") :]
    assert reached.index("Kabupaten Bandung") < reached.index("Mandek")
    assert "Kabupaten Ende" in first[first.index("Mandek") :]
    table = " ".join(pages[1:])
    assert "3 penanda tangan" in table and "menurut kemajuan" in table
    assert table.index("Kota Denpasar") < table.index("Kabupaten Bandung")  # most progress first
    assert "belum ada" in table[table.index("Kabupaten Ende") :]  # Ende: no official index

    english = _pages(login_as("ministry_viewer", locale="en").get(f"/events/{event.id}/report.pdf").data)[0]
    assert "Signing event report" in english and "Targets reached 1/2" in english
    assert "Official SPBE index 1/3" in english and "counted from 60% coverage" in english


def test_national_report_opens_with_its_summary(api_as, make_commitment, make_user):
    _event_of_three(make_commitment, make_user)
    first = _pages(api_as("ministry_viewer").get("/api/v1/reports/national.pdf").data)[0]
    assert "Ringkasan nasional komitmen SPBE" in first and "Komitmen 3" in first
    assert "Target tercapai 1/2" in first and "Indeks SPBE resmi 1/3" in first
    assert "Rata-rata perkiraan indeks" in first and "dihitung mulai cakupan 60%" in first
    assert "Peta" not in first and "Provinsi" not in first  # the map and the detail come after
    english = _pages(api_as("ministry_viewer", locale="en").get("/api/v1/reports/national.pdf").data)[0]
    assert "Targets reached 1/2" in english and "Official SPBE index 1/3" in english


def test_no_official_result_anywhere_says_none_yet(api_as, make_commitment):
    make_commitment(region="53.08")
    first = _pages(api_as("ministry_viewer").get("/api/v1/reports/national.pdf").data)[0]
    assert "Indeks SPBE resmi belum ada" in first and "Target tercapai 0/0" in first
    english = _pages(api_as("ministry_viewer", locale="en").get("/api/v1/reports/national.pdf").data)[0]
    assert "Official SPBE index none yet" in english
