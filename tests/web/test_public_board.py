"""The public board: aggregates and per-region progress, never personal data, notes or evidence."""

from livinglab.services import milestones
from livinglab.services.milestones import EvidenceInput

PDF = b"%PDF-1.4\n%%EOF\n"


def test_public_board_shows_progress_and_leaks_nothing(web, make_commitment, make_user):
    commitment = make_commitment(signatory_name="Bupati Rahasia Sekali")
    officer = make_user("region_officer", name="Officer Pribadi", email="pribadi@bandungkab.go.id")
    mentor = make_user("host_staff", name="Mentor Pribadi")
    milestone = commitment.milestones[0]
    milestones.update(
        officer,
        milestone.id,
        version=1,
        status="submitted",
        level=3,
        note="CATATAN-INTERNAL",
        evidence=[EvidenceInput("decree", "SK-RAHASIA-123", file=(PDF, "sk-rahasia.pdf"))],
    )
    milestones.verify(mentor, milestone.id, decision="verify", level=3, comment="KOMENTAR-INTERNAL")

    web.post("/locale", data={"locale": "en", "next": "/public"})
    response = web.get("/public")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Kabupaten Bandung" in page and 'data-testid="public-map"' in page
    for secret in (
        "Bupati Rahasia Sekali",
        "Officer Pribadi",
        "pribadi@bandungkab.go.id",
        "Mentor Pribadi",
        "CATATAN-INTERNAL",
        "KOMENTAR-INTERNAL",
        "SK-RAHASIA-123",
        "sk-rahasia",
        "/evidence/",
        "/milestones/",
    ):
        assert secret not in page, secret


def test_anonymous_sees_nothing_else(web, make_commitment):
    commitment = make_commitment()
    for path in ("/overview", "/national", "/map", "/regions/32.04", f"/milestones/{commitment.milestones[0].id}"):
        response = web.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_board_can_be_switched_off(make_app):
    app = make_app(PUBLIC_BOARD=False)
    assert app.test_client().get("/public").status_code == 404
