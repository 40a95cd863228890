"""Every HTML page each role may open, in a real chromium at 1366×800 and 360×740: axe-core finds
no WCAG 2.1 A/AA violation, and at 360 px the page does not scroll sideways and its buttons, page
links and form controls are tap targets of at least 44 × 44 px.

The pages come from `app.url_map` with the URL arguments of `page_samples`, over one data set
seeded per module so that tables and lists are full. What a role may not open (403, 404, a
redirect, a file) is skipped; a floor on the pages checked per role keeps a broken sign-in from
passing with nothing checked. The forms of the host and the officer are checked the same way in
their error state, sent as they stand. SQLite only: the pages, not the database, are under test.
"""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from browser_steps import ON_SQLITE, axe_violations, sign_in, start_axe
from conftest import PASSWORD, IsolatedClient, WebClient, empty_database, serving, test_config
from flask import url_for
from page_samples import SAMPLES
from playwright.sync_api import expect
from sqlalchemy import select
from tests_support import routes

from livinglab import create_app
from livinglab.extensions import db
from livinglab.models import Notification, Region
from livinglab.models.base import utcnow
from livinglab.services import accounts, audit, commitments, demo_results, events, milestones, visits
from livinglab.services.milestones import EvidenceInput
from livinglab.web.paging import PER_PAGE

pytestmark = [pytest.mark.browser, ON_SQLITE]

WIDTHS = ({"width": 1366, "height": 800}, {"width": 360, "height": 740})
# Pages each role must reach at least: fewer means sign-in or seeding broke, not that all is well.
FLOOR = {"anonymous": 3, "host_admin": 48, "host_staff": 40, "region_officer": 27, "ministry_viewer": 21}
PDF = (b"%PDF-1.4\n%%EOF\n", "berkas.pdf")
RESULTS_PUBLISHED_BY = date(2026, 3, 1)  # the official results of 2022-2025 are out

# The buttons, pagination links, menu entries and form controls shown that are smaller than a 44 px
# tap target (issue 16, point 2); text links inside sentences are not counted.
TOO_SMALL = """() => [...document.querySelectorAll(
    ".btn, .page-link, .dropdown-item, .navbar-toggler, .form-control, .form-select")]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .filter((el) => { const box = el.getBoundingClientRect(); return box.width < 43.5 || box.height < 43.5; })
  .map((el) => el.outerHTML.slice(0, 80))"""

# What sticks out past the right edge (a box, or the text inside it) and is not inside a box that
# scrolls or clips it: the innermost such elements. An absolutely positioned element escapes its
# scrolling ancestors when none of them is positioned, so it counts wherever it sits.
OVERFLOWING = """() => {
  const edge = window.innerWidth + 1;
  const escapes = (el) => ["absolute", "fixed"].includes(getComputedStyle(el).position);
  const clipped = (el) => {
    if (escapes(el)) return false;
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  const sticksOut = (el) => {
    const box = el.getBoundingClientRect();
    const spills = getComputedStyle(el).overflowX === "visible" && box.left + el.scrollWidth > edge;
    return box.width > 0 && (box.right > edge || spills);
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].slice(0, 3).map((c) => "." + c).join("");
  const out = [...document.body.querySelectorAll("*")].filter((el) => sticksOut(el) && !clipped(el));
  const innermost = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
  return [...new Set(innermost.map(name))].slice(0, 5);
}"""


def _milestones_in_every_status(admin, staff, officer, commitment):
    """not started, in progress, submitted with evidence, returned with a comment, blocked, verified;
    returns the ids of the returned, the in-progress and the submitted one."""
    _, doing, waiting, returned, blocked, verified = commitment.milestones[:6]
    for milestone in (doing, waiting, returned, verified):
        milestones.update(officer, milestone.id, version=milestone.version, status="in_progress", level=1, note="Draf")
    for milestone in (waiting, returned, verified):
        evidence = [EvidenceInput("report", "Laporan kegiatan", document_number="800/12/Diskominfo", file=PDF)]
        milestones.update(
            officer,
            milestone.id,
            version=milestone.version,
            status="submitted",
            level=2,
            note="Data dukung",
            evidence=evidence,
        )
    milestones.verify(staff, returned.id, decision="return", comment="Lengkapi surat keputusan yang ditandatangani.")
    milestones.verify(admin, verified.id, decision="verify", level=2)
    milestones.update(officer, blocked.id, version=blocked.version, status="blocked", note="Menunggu anggaran")
    return returned.id, doing.id, waiting.id


def _outbox(commitment):
    """A sent and a failed reminder of the commitment's region (the sample adds a failed digest)."""
    now = utcnow()
    for status, week, error in (("sent", "2026-W47", None), ("failed", "2026-W48", "550 mailbox unavailable")):
        db.session.add(
            Notification(
                kind="milestone_due",
                scope=commitment.region.code,
                recipient="sekda@bandungkab.go.id",
                recipient_name="Sekretaris Daerah",
                channel="email",
                period_key=week,
                status=status,
                attempts=1,
                last_error=error,
                sent_at=now if status == "sent" else None,
                next_attempt_at=now + timedelta(days=1),
            )
        )
    db.session.commit()


def _seed(users):
    """A representative data set; returns the URL arguments that reach its records, and the ids of
    the milestones whose forms are sent empty."""
    admin, staff, officer = users["host_admin"], users["host_staff"], users["region_officer"]
    event = events.create_event(admin, name="UID Bali", place="Denpasar", date=date(2022, 11, 21))
    visit = visits.create_visit(
        admin,
        region="32.04",
        start_date=date(2022, 10, 3),
        end_date=date(2022, 10, 4),
        head_of_delegation="Sekretaris Daerah Kabupaten Bandung",
        delegation_size=12,
        practices=["HOST-MPP"],
        notes="Studi tiru pelayanan terpadu",
        attachments=[PDF],
    )
    for visitor in (
        {"kind": "agency", "code": "kemendagri"},
        {"kind": "organisation", "name": "IPDN", "type": "university"},
    ):
        visits.create_visit(
            admin,
            visitor=visitor,
            start_date=date(2022, 9, 5),
            end_date=date(2022, 9, 5),
            head_of_delegation="Direktur Jenderal",
            delegation_size=4,
            practices=["HOST-MPP"],
        )
    commitment = commitments.create_commitment(
        admin,
        region="32.04",
        signing_event_id=event.id,
        study_visit_id=visit.id,
        signatory_name="Bupati Bandung",
        signed_on=event.date,
        target_date=date(2025, 12, 31),
        practices=["SPBE-01", "SPBE-02", "SPBE-03", "SPBE-21", "SPBE-33", "SPBE-40", "HOST-MPP"],
        status="active",
        document=PDF,
    )
    for code in ("32.05", "51.71"):
        commitments.create_commitment(
            admin,
            region=code,
            signing_event_id=event.id,
            signatory_name="Kepala Daerah",
            signed_on=event.date,
            practices=["SPBE-01", "SPBE-02"],
            status="active",
        )
    returned, doing, waiting = _milestones_in_every_status(admin, staff, officer, commitment)
    _outbox(commitment)
    _more_than_a_page_of_audit(admin)
    regions = db.session.scalars(select(Region).where(Region.code.in_(["32.04", "32.05", "51.71"]))).all()
    demo_results.load(regions, RESULTS_PUBLISHED_BY)
    users["visit"] = visit
    args = {name: sample(users) for name, sample in SAMPLES.items()}
    args.update(milestone_id=returned, commitment_id=commitment.id, event_id=event.id, visit_id=visit.id)
    return args, {"doing": doing, "waiting": waiting, "commitment": commitment.id}


def _more_than_a_page_of_audit(admin):
    """Enough audit entries that the audit log shows its pagination, whose links the crawl measures."""
    for n in range(PER_PAGE):
        audit.record(admin, "user.update", admin, {"name": f"Admin {n}"}, {"name": f"Admin {n + 1}"})
    db.session.commit()


def _users():
    """A user of each role (the officer of 32.04, the viewer of Kemendagri) and the samples' "target"."""
    users = {
        role: accounts.create_user(
            None, role=role, email=f"{role}@example.go.id", name=role, password=PASSWORD, **extra
        )
        for role, extra in (
            ("host_admin", {}),
            ("host_staff", {}),
            ("region_officer", {"region": "32.04"}),
            ("ministry_viewer", {"agency": "kemendagri"}),
        )
    }
    users["target"] = accounts.create_user(
        None, role="region_officer", email="target@example.go.id", name="Target", password=PASSWORD, region="32.04"
    )
    return users


def _page_urls(app, args):
    with app.test_request_context():
        return [
            url_for(rule.endpoint, **{name: args[name] for name in rule.arguments})
            for rule, method in routes(app)
            if method == "GET" and not rule.rule.startswith(("/api/", "/static"))
        ]


def _forms(app, ids):
    """role → (page, its form) for the forms of the host and the officer, to post as they stand."""
    new = "main form[method=post][novalidate]"
    with app.test_request_context():
        return {
            "host_admin": [
                (url_for("commitments.new"), new),
                (url_for("visits.new"), new),
                (url_for("reminders.new_contact", code="32.04"), new),
                (url_for("admin.new_user"), new),
                (
                    url_for("milestones.show", milestone_id=ids["waiting"]),
                    f'form[action="{url_for("milestones.verification", milestone_id=ids["waiting"])}"]',
                ),
                (
                    url_for("commitments.show", commitment_id=ids["commitment"]),
                    f'form[action="{url_for("commitments.add_practices", commitment_id=ids["commitment"])}"]',
                ),
            ],
            "region_officer": [
                (
                    url_for("milestones.show", milestone_id=ids["doing"]),
                    f'form[action="{url_for("milestones.update", milestone_id=ids["doing"])}"]',
                ),
                (  # the originator's comment on a stage of a replication of its innovation
                    url_for("innovations.replication", replication_id=ids["replication"]),
                    f'form[action="{url_for("innovations.comment", stage_id=ids["stage"])}"]',
                ),
            ],
        }


@pytest.fixture(scope="module")
def crawl(database, tmp_path_factory):
    """The app with the data set, served; the sign-in of each role; the URL of every GET page."""
    app = create_app(test_config(database, tmp_path_factory.mktemp("crawl")))
    app.test_client_class = IsolatedClient
    try:
        with app.app_context():
            users = _users()
            args, ids = _seed(users)
            urls = _page_urls(app, args)
            forms = _forms(app, {**ids, "replication": args["replication_id"], "stage": args["stage_id"]})
            emails = {role: users[role].email for role in FLOOR if role != "anonymous"}
        with serving(app) as base:
            yield {"app": app, "base": base, "urls": urls, "forms": forms, "emails": emails}
    finally:
        empty_database(app, database)


def _html_pages(crawl, role):
    """The URLs the role gets a 200 HTML page for."""
    client = WebClient(crawl["app"])
    if role != "anonymous":
        assert client.login(crawl["emails"][role]).status_code == 302
    pages = []
    for url in crawl["urls"]:
        response = client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            pages.append(url)
    return pages


def _checked(tab, url, role, width):
    """What axe and, at 360 px, the page's width find wrong with the page as it stands."""
    failures = [f"{url} {role} {width}px {rule}: {nodes}" for rule, nodes in axe_violations(tab)]
    if width == 360 and tab.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        failures.append(f"{url} {role} 360px sideways scroll: {tab.evaluate(OVERFLOWING)}")
    if width == 360 and (small := tab.evaluate(TOO_SMALL)):
        failures.append(f"{url} {role} 360px tap targets under 44 px: {small}")
    return failures


@pytest.mark.parametrize("role", list(FLOOR))
def test_every_page_passes_axe_and_fits_a_phone(browser, crawl, role):
    pages = _html_pages(crawl, role)
    assert len(pages) >= FLOOR[role], f"{role}: only {len(pages)} pages to check: {pages}"
    tabs = {}  # width → a page in that width's own context, signed in as the role
    for viewport in WIDTHS:
        tabs[viewport["width"]] = browser.new_context(viewport=viewport).new_page()
        if role != "anonymous":
            sign_in(tabs[viewport["width"]], crawl["base"], SimpleNamespace(email=crawl["emails"][role]))
    failures = []
    for url in pages:
        for tab in tabs.values():  # both widths load and check side by side, each in its own browser process
            tab.goto(crawl["base"] + url)
            tab.wait_for_load_state("load")
            start_axe(tab)
        for width, tab in tabs.items():
            failures += _checked(tab, url, role, width)
    for url, form in crawl["forms"].get(role, []):
        for width, tab in tabs.items():
            tab.goto(crawl["base"] + url)
            with tab.expect_navigation():
                tab.locator(form).locator("[type=submit]").click()
            expect(tab.locator("[role=alert], .is-invalid").first, f"{url}: no error shown").to_be_visible()
            failures += _checked(tab, f"{url} (sent empty)", role, width)
    if role == "host_admin":  # the audit log has pagination, so the tap-target check measured its links
        tabs[360].goto(crawl["base"] + "/admin/audit")
        expect(tabs[360].locator(".page-link").first).to_be_visible()
    for tab in tabs.values():
        tab.context.close()
    assert not failures, f"{len(failures)} failures on {len(pages)} pages:\n" + "\n".join(failures)
