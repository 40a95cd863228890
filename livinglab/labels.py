"""Display labels and colours shared by pages, PDFs and charts (one meaning, one colour)."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "not_started": _l("Not started"),
    "in_progress": _l("In progress"),
    "submitted": _l("Submitted"),
    "returned": _l("Returned"),
    "verified": _l("Verified"),
    "blocked": _l("Blocked"),
}

STATUS_COLOURS = {
    "not_started": "#6c757d",
    "in_progress": "#0d6efd",
    "submitted": "#ffc107",
    "returned": "#fd7e14",
    "verified": "#198754",
    "blocked": "#dc3545",
}

COMMITMENT_STATUS_LABELS = {
    "draft": _l("Draft"),
    "signed": _l("Signed"),
    "active": _l("Active"),
    "completed": _l("Completed"),
    "withdrawn": _l("Withdrawn"),
}

EVIDENCE_KIND_LABELS = {
    "regulation": _l("Regulation (Perbup/Perwal/Pergub)"),
    "decree": _l("Decree (SK)"),
    "circular": _l("Circular (SE)"),
    "sop": _l("SOP"),
    "minutes": _l("Minutes (berita acara)"),
    "report": _l("Report"),
    "url": _l("Web page"),
    "video": _l("Video"),
    "other": _l("Other"),
}

ACTION_LABELS = {
    "start": _l("Started"),
    "submit": _l("Submitted for verification"),
    "verify": _l("Verified"),
    "verify_below_target": _l("Verified below target"),
    "return": _l("Returned for rework"),
    "reopen": _l("Reopened"),
    "block": _l("Marked blocked"),
    "unblock": _l("Unblocked"),
    "rework": _l("Rework started"),
    "update": _l("Updated"),
    "evidence": _l("Evidence added"),
}


VISITOR_KIND_LABELS = {
    "region": _l("Region"),
    "agency": _l("Ministry or institution"),
    "organisation": _l("Other organisation"),
}

ORGANISATION_TYPE_LABELS = {
    "ngo": _l("NGO"),
    "university": _l("University"),
    "private": _l("Private company"),
    "international": _l("International organisation"),
}


def register(app):
    app.jinja_env.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        STATUS_COLOURS=STATUS_COLOURS,
        COMMITMENT_STATUS_LABELS=COMMITMENT_STATUS_LABELS,
        EVIDENCE_KIND_LABELS=EVIDENCE_KIND_LABELS,
        ACTION_LABELS=ACTION_LABELS,
        VISITOR_KIND_LABELS=VISITOR_KIND_LABELS,
        ORGANISATION_TYPE_LABELS=ORGANISATION_TYPE_LABELS,
    )
