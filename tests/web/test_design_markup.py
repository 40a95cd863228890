"""The design's markup (issue 16): the navbar marks the current page, the tables of seven pages
carry the labels of their stacked phone rows, statuses carry a glyph beside their word, and
messages after an action are notification banners with a heading."""

import re
from html.parser import HTMLParser

import pytest
from conftest import WebClient
from design_pages import STACKED_PAGES, TABLE_PAGES, seven_pages
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Notification


class Marked(HTMLParser):
    """The text of the navbar's links (and the Records menu's button) with aria-current, and every
    cell of `.table-stack` tables."""

    def __init__(self):
        super().__init__()
        self.current, self.cells, self.open_current = [], [], None
        self.stack_depth, self.in_header = 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.in_header = self.in_header or tag == "header"
        if self.in_header and "aria-current" in attrs and tag in ("a", "button"):
            self.open_current = [attrs["aria-current"], ""]
        if tag == "table" and "table-stack" in (attrs.get("class") or "").split():
            self.stack_depth += 1
            assert attrs.get("role") == "table"
        if self.stack_depth and tag in ("tr", "td", "th"):
            role = {"tr": "row", "td": "cell", "th": "columnheader"}[tag]
            assert attrs.get("role") == role, f"<{tag}> without role={role}"
        if self.stack_depth and tag == "td":
            self.cells.append(attrs)

    def handle_endtag(self, tag):
        self.in_header = self.in_header and tag != "header"
        if tag in ("a", "button") and self.open_current:
            self.current.append((self.open_current[0], " ".join(self.open_current[1].split())))
            self.open_current = None
        if tag == "table" and self.stack_depth:
            self.stack_depth -= 1

    def handle_data(self, data):
        if self.open_current:
            self.open_current[1] += data


def marked(response):
    assert response.status_code == 200
    parser = Marked()
    parser.feed(response.get_data(as_text=True))
    return parser


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/home", [("page", "Home")]),
        ("/overview", [("page", "Overview")]),
        ("/reviews", [("page", "Reviews")]),
        ("/extension-requests", [("page", "Extensions")]),
        ("/national", [("page", "National")]),
        ("/map", [("page", "Map")]),
        ("/inbox", [("page", "Notifications")]),
        ("/visits", [("true", "Records"), ("page", "Study visits")]),
        ("/admin/users", [("true", "Records"), ("page", "Users")]),
        ("/outbox", [("true", "Records"), ("page", "Reminders sent")]),
        ("/regions/32.04", [("page", "Overview")]),
    ],
)
def test_the_navbar_marks_the_host_admins_current_page(login_as, url, current):
    admin = login_as("host_admin", locale="en")
    assert marked(admin.get(url)).current == current


def test_the_navbar_marks_the_region_officers_current_page(login_as):
    officer = login_as("region_officer", locale="en")
    assert marked(officer.get("/home")).current == [("page", "Home")]
    assert marked(officer.get("/regions/32.04/milestones")).current == [("page", "My commitment")]
    assert marked(officer.get("/contacts")).current == [("true", "Records"), ("page", "Reminder contacts")]
    assert marked(officer.get("/commitments")).current == [("true", "Records"), ("page", "Commitments")]
    assert marked(officer.get("/profile")).current == [("page", officer.user.name)]


def test_every_cell_of_the_stacked_tables_is_labelled_with_its_column(app, make_commitment, make_user):
    admin, _officer = seven_pages(make_commitment, make_user)
    client = WebClient(app)
    assert client.login(admin.email).status_code == 302
    for name, url in TABLE_PAGES.items():
        cells = marked(client.get(url)).cells
        labelled = [cell for cell in cells if "colspan" not in cell]
        assert labelled, f"{name}: no rows"
        assert all(cell.get("data-label") for cell in labelled), name
    workspace = {cell["data-label"] for cell in marked(client.get(STACKED_PAGES["workspace"])).cells}
    assert workspace == {"Praktik", "Status", "Tenggat", "Tingkat T / M / V", "Pembaruan terakhir"}


def test_a_status_shows_a_glyph_hidden_from_screen_readers_beside_its_word(app, make_commitment, make_user):
    admin, _officer = seven_pages(make_commitment, make_user)
    client = WebClient(app)
    client.login(admin.email)
    html = client.get(STACKED_PAGES["workspace"]).get_data(as_text=True)
    badge = re.search(r'<span class="status status-submitted">(<svg[^>]*>.*?</svg>)([^<]+)</span>', html)
    assert badge and badge.group(2) == "Diajukan"
    assert 'aria-hidden="true"' in badge.group(1) and 'focusable="false"' in badge.group(1)


def test_messages_after_an_action_are_banners_with_a_heading(login_as):
    admin = login_as("host_admin", locale="en")
    row = Notification(
        kind="weekly_digest", scope="32.04", recipient="a@x.go.id", channel="email", period_key="W48", status="failed"
    )
    db.session.add(row)
    db.session.commit()
    done = admin.post(f"/outbox/{row.id}/retry", follow_redirects=True).get_data(as_text=True)
    assert re.search(r'class="ll-banner ll-banner-success" role="status"[^>]*>\s*<h2[^>]*>Success</h2>', done)
    assert "The message is queued again." in done
    refused = admin.post(f"/outbox/{row.id}/retry", follow_redirects=True).get_data(as_text=True)
    danger = r'class="ll-banner ll-banner-danger" role="alert"[^>]*>\s*<h2[^>]*>There is a problem</h2>'
    assert re.search(danger, refused)
    assert db.session.scalar(select(Notification.status).where(Notification.id == row.id)) == "queued"


def test_the_success_banner_heading_is_indonesian_by_default(login_as):
    officer = login_as("region_officer")
    contact = {"name": "Kepala Diskominfo", "email": "kadis@bandungkab.go.id", "channel": "email", "locale": "id"}
    page = officer.post("/regions/32.04/contacts/new", data=contact, follow_redirects=True).get_data(as_text=True)
    assert re.search(r"<h2 class=\"ll-banner-title\"[^>]*>Berhasil</h2>", page)
