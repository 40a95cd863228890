"""Issue 16, point 7 (fonts and logos local): page 1 of every report opens with the host's
letterhead (its name beside our own emblem from static/img/), in the reader's language."""

import io
from datetime import date

from pypdf import PdfReader

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import SigningEvent
from livinglab.services import reports

LETTERHEAD = {"id": "Pemerintah Kabupaten Sumedang", "en": "Government of Kabupaten Sumedang"}


def _first_page(data):
    reader = PdfReader(io.BytesIO(data))
    return " ".join(reader.pages[0].extract_text().split())


def test_every_report_kind_opens_with_the_host_letterhead(app, make_commitment):
    commitment = make_commitment()
    event = SigningEvent(name="Penandatanganan Kop", date=date(2024, 5, 1), place="Sumedang")
    db.session.add(event)
    db.session.flush()
    commitment.signing_event_id = event.id
    db.session.commit()
    region = commitment.region
    for locale in ("id", "en"):
        rendered = {
            "region report": reports.region_report(policy.SYSTEM, region, locale=locale),
            "status sheet": reports.status_sheet(policy.SYSTEM, region, locale=locale),
            "national report": reports.national_report(policy.SYSTEM, locale=locale),
            "event report": reports.event_report(policy.SYSTEM, event.id, locale=locale),
        }
        for kind, data in rendered.items():
            first = _first_page(data)
            assert first.startswith(LETTERHEAD[locale]), (kind, locale, first)
