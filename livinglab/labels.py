"""Display labels and colours shared by pages, PDFs and charts (one meaning, one colour)."""

import re

from flask_babel import gettext as _
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
    "replan": _l("Due date re-planned"),
    "target_cascade": _l("Due date moved to the commitment's target date"),
    "extension_request": _l("Extension requested"),
    "extension_approve": _l("Extension approved"),
    "extension_refuse": _l("Extension refused"),
}


PARTY_ROLE_LABELS = {"originator": _l("originator"), "sponsor": _l("sponsor"), "partner": _l("partner")}

SCALE_LABELS = {"process": _l("Process"), "service": _l("Service")}

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

NOTIFICATION_KIND_LABELS = {
    "weekly_digest": _l("Weekly digest"),
    "escalation_letter": _l("Letter to the Regional Secretary"),
    "monthly_summary": _l("Monthly summary"),
    "review_backlog": _l("Reviews waiting"),
    "overdue_escalation": _l("Overdue escalation"),
    "password_reset": _l("Password reset"),
    "account_invitation": _l("Account invitation"),
}

NOTIFICATION_STATUS_LABELS = {
    "queued": _l("Queued"),
    "sending": _l("Sending"),
    "sent": _l("Sent"),
    "failed": _l("Failed"),
    "dropped": _l("Not sent (no active recipient)"),
}

# what a notification is about when it is not one region (whose code is shown as it is)
NOTIFICATION_SCOPE_LABELS = {"national": _l("National"), "account": _l("Account")}

CHANNEL_LABELS = {
    "email": _l("Email"),
    "webhook": _l("WhatsApp/SMS gateway"),
    "whatsapp_group": _l("WhatsApp group (short text)"),
}

CONTACT_ROLE_LABELS = {
    "officer": _l("Officer (weekly digest)"),
    "head_of_agency": _l("Head of agency (digest once work is long overdue)"),
    "sekda": _l("Regional Secretary (formal letter)"),
    "head_of_region": _l("Head of region"),
}

LANGUAGE_LABELS = {"id": "Bahasa Indonesia", "en": "English"}

ROLE_LABELS = {
    "host_admin": _l("Host administrator"),
    "host_staff": _l("Host staff (mentor)"),
    "region_officer": _l("Region officer"),
    "ministry_viewer": _l("Ministry viewer"),
}

INBOX_KIND_LABELS = {
    "milestone_returned": _l("Returned for rework"),
    "milestone_submitted": _l("New submission to review"),
    "milestone_verified": _l("Milestone verified"),
    "milestone_below_target": _l("Verified below target: the milestone stays open"),
}

YES_NO_LABELS = {"yes": _l("yes"), "no": _l("no")}

# spreadsheet columns: the header a reader sees, read back in either language (services.sheet_vocabulary)
MILESTONE_SHEET_COLUMNS = {
    "milestone_id": _l("Milestone ID"),
    "practice": _l("Practice"),
    "title": _l("Title"),
    "due_date": _l("Due date"),
    "status": _l("Status"),
    "level": _l("Level"),
    "verified_level": _l("Verified level"),
    "version": _l("Version"),
    "new_status": _l("New status"),
    "new_level": _l("New level"),
    "note": _l("Note"),
}

COMMITMENT_IMPORT_COLUMNS = {
    "region": _l("Region"),
    "province": _l("Province"),
    "signatory_name": _l("Signatory name"),
    "signatory_title": _l("Signatory title"),
    "signed_on": _l("Signing date"),
    "target_date": _l("Target date"),
    "event": _l("Signing event"),
    "practices": _l("Practices"),
    "second_party": _l("Second party"),
    "host_party": _l("Host is a party"),
    "officer_email": _l("Officer email"),
    "officer_name": _l("Officer name"),
    "contact_email": _l("Contact email"),
    "contact_name": _l("Contact name"),
    "contact_role": _l("Contact role"),
    "target_index": _l("Target index"),
    "target_year": _l("Target year"),
}

EVALUATION_IMPORT_COLUMNS = {
    "region": _l("Region"),
    "year": _l("Year"),
    "index": _l("Index"),
    "source": _l("Source"),
    "evaluated_on": _l("Evaluation date"),
}

INDEX_INPUT_COLUMNS = {
    "indicator": _l("Indicator"),
    "domain": _l("Domain"),
    "aspect": _l("Aspect"),
    "weight": _l("Weight %"),
    "self_assessed": _l("Self-assessed level"),
    "verified": _l("Verified level"),
    "baseline": _l("Baseline level"),
    "verified_since": _l("Verified after the official result"),
    "level_used": _l("Level used"),
    "product": _l("Level × weight"),
}


# the audit log: an action "milestone.verify" reads "Milestone: Verified"; entity types are class names
AUDIT_SUBJECT_LABELS = {
    "api_token": _l("API token"),
    "commitment": _l("Commitment"),
    "contact": _l("Reminder contact"),
    "document": _l("Library document"),
    "evaluation": _l("Official evaluation result"),
    "evaluations": _l("Official evaluation results"),
    "extension_request": _l("Extension request"),
    "innovation": _l("Innovation"),
    "milestone": _l("Milestone"),
    "notification": _l("Notification"),
    "opd": _l("OPD"),
    "practice": _l("Practice"),
    "practice_package": _l("Practice package"),
    "region": _l("Region"),
    "replication": _l("Replication"),
    "replication_stage": _l("Replication stage"),
    "signing_event": _l("Signing event"),
    "study_visit": _l("Study visit"),
    "token": _l("API token"),
    "user": _l("User account"),
}

AUDIT_VERB_LABELS = {
    **ACTION_LABELS,
    "create": _l("Created"),
    "update": _l("Changed"),
    "delete": _l("Deleted"),
    "status": _l("Status changed"),
    "practice_add": _l("Practice added"),
    "practice_remove": _l("Practice removed"),
    "import": _l("Imported"),
    "stages": _l("Stages changed"),
    "opd": _l("OPD assigned"),
    "plan": _l("Plan changed"),
    "retry": _l("Sending retried"),
    "sectors": _l("Sectors named"),
    "outcome": _l("Outcome recorded"),
    "comment": _l("Commented"),
    "approve": _l("Approved"),
    "refuse": _l("Refused"),
    "revoke": _l("Revoked"),
    "revoke_all": _l("All revoked"),
    "activate": _l("Activated"),
    "deactivate": _l("Deactivated"),
    "invite": _l("Invited"),
    "login": _l("Signed in"),
    "logout": _l("Signed out"),
    "password_reset": _l("Password reset"),
    "password_reset_requested": _l("Password reset requested"),
    "preferences": _l("Preferences changed"),
}


# an audit entry's fields ("due_date: …") and coded values ("status: Submitted → Verified") as words
AUDIT_FIELD_LABELS = {
    **MILESTONE_SHEET_COLUMNS,
    **COMMITMENT_IMPORT_COLUMNS,
    "active": _l("Active"),
    "channel": _l("Channel"),
    "comment": _l("Comment"),
    "email": _l("Email"),
    "kind": _l("Kind"),
    "locale": _l("Language"),
    "name": _l("Name"),
    "phone": _l("Phone"),
    "reason": _l("Reason"),
    "role": _l("Role"),
    "target_level": _l("Target level"),
    "due_dates": _l("Due dates"),
}

AUDIT_VALUE_LABELS = {
    "status": {**STATUS_LABELS, **COMMITMENT_STATUS_LABELS, **NOTIFICATION_STATUS_LABELS},
    "role": {**ROLE_LABELS, **CONTACT_ROLE_LABELS},
    "channel": CHANNEL_LABELS,
    "locale": LANGUAGE_LABELS,
    "kind": EVIDENCE_KIND_LABELS,
}


def audit_subject(entity_type_or_prefix):
    """`SigningEvent` or `signing_event` as words; the text as it is when it names nothing known."""
    key = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", entity_type_or_prefix or "").lower()
    return str(AUDIT_SUBJECT_LABELS.get(key, entity_type_or_prefix))


def audit_action(action):
    """`milestone.verify` as `Milestone: Verified`."""
    subject, _dot, verb = (action or "").partition(".")
    if subject in AUDIT_SUBJECT_LABELS and verb in AUDIT_VERB_LABELS:
        return _("%(subject)s: %(action)s", subject=AUDIT_SUBJECT_LABELS[subject], action=AUDIT_VERB_LABELS[verb])
    return action


def register(app):
    app.jinja_env.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        STATUS_COLOURS=STATUS_COLOURS,
        COMMITMENT_STATUS_LABELS=COMMITMENT_STATUS_LABELS,
        EVIDENCE_KIND_LABELS=EVIDENCE_KIND_LABELS,
        ACTION_LABELS=ACTION_LABELS,
        VISITOR_KIND_LABELS=VISITOR_KIND_LABELS,
        ORGANISATION_TYPE_LABELS=ORGANISATION_TYPE_LABELS,
        NOTIFICATION_KIND_LABELS=NOTIFICATION_KIND_LABELS,
        NOTIFICATION_STATUS_LABELS=NOTIFICATION_STATUS_LABELS,
        NOTIFICATION_SCOPE_LABELS=NOTIFICATION_SCOPE_LABELS,
        CHANNEL_LABELS=CHANNEL_LABELS,
        CONTACT_ROLE_LABELS=CONTACT_ROLE_LABELS,
        LANGUAGE_LABELS=LANGUAGE_LABELS,
        INBOX_KIND_LABELS=INBOX_KIND_LABELS,
        SCALE_LABELS=SCALE_LABELS,
        PARTY_ROLE_LABELS=PARTY_ROLE_LABELS,
        YES_NO_LABELS=YES_NO_LABELS,
        MILESTONE_SHEET_COLUMNS=MILESTONE_SHEET_COLUMNS,
        COMMITMENT_IMPORT_COLUMNS=COMMITMENT_IMPORT_COLUMNS,
        EVALUATION_IMPORT_COLUMNS=EVALUATION_IMPORT_COLUMNS,
        AUDIT_SUBJECT_LABELS=AUDIT_SUBJECT_LABELS,
        audit_action=audit_action,
        audit_subject=audit_subject,
    )
