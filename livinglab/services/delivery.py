"""Scheduled reminders, step two: claim queued outbox rows, deliver them, record the outcome.

A row is claimed (status `sending`, committed) before anything leaves the machine; a crash after
that leaves it claimed, and it is picked up again once the claim is older than
REMINDER_SENDING_TIMEOUT. Each message carries a Message-ID derived from its key, so the last
window (the server accepted it, the `sent` commit did not happen) shows up as a recognisable
duplicate, never as a silent loss. Failures are retried with back-off; after
REMINDER_MAX_ATTEMPTS the row is `failed` with its last error, for a host admin to retry.

Account mail (password reset links) takes the same path without a report: the web request that
enqueued the row delivers it right after its response (`deliver_now`), and the scheduler flushes
whatever is left every few seconds (`deliver_pending(kinds=ACCOUNT_KINDS)`). A row that must not go
out (no active account) ends `dropped`.
"""

import base64
import hashlib
import logging
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from livinglab import i18n, policy
from livinglab.channels import ChannelError, mail_channel, webhook_channel
from livinglab.domain import periods
from livinglab.errors import Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import Contact, Notification, Region, SentReport
from livinglab.models.base import utcnow
from livinglab.models.notifications import ACCOUNT_KINDS
from livinglab.services import audit, digests, letters, mail, monitoring, opds, reports, uploads

log = logging.getLogger(__name__)


def message_id(notification):
    """Stable for the row's key (a re-sent message is recognisable), on the host of BASE_URL.

    Not `email.utils.make_msgid`: it adds the time and a random number, so a retry after the
    server accepted the message would carry a new id and the duplicate could not be recognised."""
    digest = hashlib.sha256(notification.key.encode()).hexdigest()[:32]
    host = urlsplit(current_app.config["BASE_URL"]).hostname or "livinglab.localhost"
    return f"<{digest}@{host}>"


def _claimable(now):
    timeout = timedelta(seconds=current_app.config["REMINDER_SENDING_TIMEOUT"])
    return or_(
        and_(Notification.status == "queued", Notification.next_attempt_at <= now),
        and_(Notification.status == "sending", Notification.claimed_at <= now - timeout),
    )


def _claim(notification_id, now):
    """Take the row for this process; True only for the one claimer that wins."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.id == notification_id, _claimable(now))
        .values(status="sending", claimed_at=now, attempts=Notification.attempts + 1)
    )
    db.session.commit()
    return result.rowcount == 1


def report_key(kind, scope, period_key, locale, channel, content_date):
    """The archive key (kind, scope, period, language, content day) of the PDF a row carries, or None.

    Every monthly summary (national or a province's) carries the national report; the weekly
    backlog of reviews and the short WhatsApp-group text carry none."""
    if kind in ACCOUNT_KINDS or kind == "review_backlog" or channel == "whatsapp_group":
        return None
    if kind == "monthly_summary":
        scope = "national"
    return (kind, scope, period_key, locale, content_date)


def report_keys(kind, scope, period_key, locale, channel, content_date, with_digest=False):
    """The archive keys of every PDF a row carries, its own first (see `report_key`): a letter that
    carries the week's digest also carries the region's status report of that week, the one the
    region's digests of that week carry."""
    key = report_key(kind, scope, period_key, locale, channel, content_date)
    if key is None:
        return []
    if kind == "escalation_letter" and with_digest:
        return [key, ("weekly_digest", scope, periods.week_key(content_date), locale, content_date)]
    return [key]


def _render(kind, scope, period_key, locale, content_date):
    if kind == "escalation_letter":
        return letters.render(scope, period_key, locale)
    if scope == "national":
        return reports.national_report(policy.SYSTEM, locale=locale, today=content_date)
    # a region's weekly digest: the two-page status sheet; the full report is a link in the mail
    return reports.status_sheet(policy.SYSTEM, reports.find_region(scope), locale=locale, today=content_date)


def archive_report(kind, scope, period_key, locale, content_date=None):
    """The PDF for this kind, scope, period and language: rendered once (for the content's day),
    then reused exactly."""
    lookup = select(SentReport).where(
        SentReport.kind == kind,
        SentReport.scope == scope,
        SentReport.period_key == period_key,
        SentReport.locale == locale,
    )
    report = db.session.scalar(lookup)
    if report is not None:
        return report
    data = _render(kind, scope, period_key, locale, content_date)
    report = SentReport(
        kind=kind,
        scope=scope,
        period_key=period_key,
        locale=locale,
        sha256=uploads.write_blob(data),
        size=len(data),
        recipients=[],
    )
    db.session.add(report)
    try:
        db.session.commit()
    except IntegrityError:  # another sender archived it a moment ago: use theirs
        db.session.rollback()
        report = db.session.scalar(lookup)
    return report


def reports_to_render(now):
    """Archive keys (see `report_key`) of claimable rows whose PDF is not archived yet."""
    rows = db.session.execute(
        select(
            Notification.kind,
            Notification.scope,
            Notification.period_key,
            Notification.locale,
            Notification.channel,
            Notification.content_date,
            Notification.with_digest,
        )
        .where(_claimable(now), Notification.kind.not_in(ACCOUNT_KINDS))
        .distinct()
    ).all()
    archived = set(
        db.session.execute(select(SentReport.kind, SentReport.scope, SentReport.period_key, SentReport.locale))
    )
    keys = {key for row in rows for key in report_keys(*row)}
    return sorted((key for key in keys if key[:4] not in archived), key=lambda key: key[:4])


def _archived_reports(notification):
    keys = report_keys(
        notification.kind,
        notification.scope,
        notification.period_key,
        notification.locale,
        notification.channel,
        notification.content_date,
        notification.with_digest,
    )
    return [archive_report(*key) for key in keys]


def _content_date(notification):
    """The local day the content is for: stored with the row (rows from before it was stored: their creation day)."""
    return notification.content_date or notification.created_at.date()


def _context(notification):
    day = _content_date(notification)
    context = {"notification": notification, "base_url": current_app.config["BASE_URL"].rstrip("/"), "day": day}
    if notification.kind == "review_backlog":
        context["late_reviews"] = digests.late_reviews(day, i18n.DEFAULT_ZONE)
        return context
    if notification.kind == "monthly_summary":
        province = None if notification.scope == "national" else reports.find_region(notification.scope)
        rows, _catalogue = monitoring.overview_rows(policy.SYSTEM, day)
        context["national"] = monitoring.national_summary(rows)
        context["province"] = province
        context["long_overdue"] = digests.long_overdue_regions(day, province)
        return context
    region = reports.find_region(notification.scope)
    context["region"] = region
    context["opds"] = opds.named(region.id, notification.opd_ids)
    # an OPD deleted since the row was planned: its contacts now hear about the whole region
    opd_ids = [opd.id for opd in context["opds"]] or None
    if notification.kind == "escalation_letter":
        context["letter"] = letters.find(notification.scope, notification.period_key)
        context["digest"] = digests.region_digest(region, day)  # the letter is about the whole region
        if notification.with_digest:
            context["week_digest"] = digests.region_digest(region, day, opd_ids)
        return context
    context["digest"] = digests.region_digest(region, day, opd_ids)
    return context


def _attachment_name(notification, report=None):
    """The row's own PDF by the row's scope and period; a further one by its own."""
    scope, period_key = (report.scope, report.period_key) if report else (notification.scope, notification.period_key)
    return f"living-lab-{scope}-{period_key}.pdf".replace(" ", "-")


def _reader_zone(notification):
    """Times in an email about a region are on that region's clock; the national summary's on WIB."""
    if notification.scope in ("national", "host"):
        return i18n.DEFAULT_ZONE
    return reports.find_region(notification.scope).timezone


def compose(notification, reports_carried):
    """The email for one outbox row, in the recipient's language and region's clock, with the
    archived PDFs the row carries (see `report_keys`)."""
    template = "group" if notification.channel == "whatsapp_group" else notification.kind
    with i18n.reading_in(notification.locale, _reader_zone(notification)):
        context = _context(notification)
        subject = render_template(f"email/{notification.kind}.subject.txt", **context).strip()
        body = render_template(f"email/{template}.txt", **context)
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = notification.recipient
    if notification.cc:
        message["Cc"] = ", ".join(notification.cc)
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id(notification)
    message.set_content(body)
    for index, report in enumerate(reports_carried):
        message.add_attachment(
            uploads.blob_path(report.sha256).read_bytes(),
            maintype="application",
            subtype="pdf",
            filename=_attachment_name(notification, report if index else None),
        )
    return message


def _webhook_payload(notification, message, reports_carried):
    contact = db.session.scalar(
        select(Contact)
        .join(Region, Region.id == Contact.region_id)
        .where(Region.code == notification.scope, Contact.email == notification.recipient)
    )
    body = message.get_body(preferencelist=("plain",)).get_content()
    if notification.channel == "whatsapp_group":
        return {
            "message_id": message["Message-ID"],
            "kind": notification.kind,
            "channel": "whatsapp_group",
            "region": notification.scope,
            "period": notification.period_key,
            "group": {"name": notification.recipient_name, "phone": contact.phone if contact else None},
            "text": body.strip(),
        }
    return {
        "message_id": message["Message-ID"],
        "kind": notification.kind,
        "region": notification.scope,
        "period": notification.period_key,
        "recipient": {
            "name": notification.recipient_name,
            "email": notification.recipient,
            "phone": contact.phone if contact else None,
        },
        "subject": str(message["Subject"]),
        "text": body,
        "attachments": [
            {
                "filename": _attachment_name(notification, report if index else None),
                "content_type": "application/pdf",
                "sha256": report.sha256,
                "data_base64": base64.b64encode(uploads.blob_path(report.sha256).read_bytes()).decode(),
            }
            for index, report in enumerate(reports_carried)
        ],
    }


def _send(notification, message, reports_carried):
    if notification.channel in ("webhook", "whatsapp_group"):
        payload = _webhook_payload(notification, message, reports_carried)
        webhook_channel(current_app.config).send(payload, message["Message-ID"])
    else:
        mail_channel(current_app.config["MAIL_URL"], current_app.instance_path).send(message)


def _record_failure(notification_id, error, now):
    db.session.rollback()
    notification = db.session.get(Notification, notification_id)
    notification.last_error = str(error)[:2000]
    if notification.attempts >= current_app.config["REMINDER_MAX_ATTEMPTS"]:
        notification.status = "failed"
    else:
        notification.status = "queued"
        notification.next_attempt_at = now + timedelta(minutes=2**notification.attempts)
    notification.claimed_at = None
    db.session.commit()
    return notification.status


def _deliver_account_mail(notification, now):
    try:
        message = mail.compose(notification, message_id(notification))
        mail_channel(current_app.config["MAIL_URL"], current_app.instance_path).send(message)
    except mail.NotSent as reason:
        notification.status, notification.last_error, notification.claimed_at = "dropped", str(reason), None
        db.session.commit()
        return "dropped"
    except ChannelError as error:
        log.warning("account mail %s not delivered: %s", notification.id, error)
        return _record_failure(notification.id, error, now)
    except Exception as error:
        log.exception("account mail %s could not be prepared", notification.id)
        return _record_failure(notification.id, f"{type(error).__name__}: {error}", now)
    notification.status, notification.sent_at, notification.last_error = "sent", utcnow(), None
    db.session.commit()
    return "sent"


def deliver_one(notification_id, now):
    notification = db.session.get(Notification, notification_id)
    if notification.kind in ACCOUNT_KINDS:
        return _deliver_account_mail(notification, now)
    try:
        carried = _archived_reports(notification)
        message = compose(notification, carried)
        _send(notification, message, carried)
    except ChannelError as error:
        log.warning("reminder %s not delivered: %s", notification_id, error)
        return _record_failure(notification_id, error, now)
    except Exception as error:  # a report or template error must not stop the other messages
        log.exception("reminder %s could not be prepared", notification_id)
        return _record_failure(notification_id, f"{type(error).__name__}: {error}", now)
    notification.status, notification.sent_at, notification.last_error = "sent", utcnow(), None
    if carried:
        notification.report_id = carried[0].id  # the row's own PDF
    for report in carried:
        report.recipients = sorted({*report.recipients, notification.recipient})
    db.session.commit()
    return "sent"


def deliver_pending(now=None, limit=None, kinds=None):
    """Deliver every claimable row (of `kinds`, default all); returns counts by outcome."""
    now = now or utcnow()
    statement = select(Notification.id).where(_claimable(now)).order_by(Notification.id)
    if kinds:
        statement = statement.where(Notification.kind.in_(kinds))
    ids = db.session.scalars(statement).all()
    outcome = {"sent": 0, "queued": 0, "failed": 0, "skipped": 0}
    for notification_id in ids[:limit] if limit else ids:
        result = deliver_one(notification_id, now) if _claim(notification_id, now) else "skipped"
        outcome[result] = outcome.get(result, 0) + 1
    return outcome


def deliver_now(notification_id):
    """Deliver one row now if it is still waiting (another sender may have taken it already)."""
    now = utcnow()
    return deliver_one(notification_id, now) if _claim(notification_id, now) else "skipped"


def retry(actor, notification_id):
    """A host admin puts a failed row back in the queue."""
    policy.ensure(actor, "outbox.manage")
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.status != "failed":
        raise Invalid(_("Only a failed message can be retried."))
    notification.status, notification.attempts, notification.next_attempt_at = "queued", 0, utcnow()
    audit.record(actor, "notification.retry", notification)
    db.session.commit()
    return notification


def outbox(actor, *, region=None, kind=None, status=None, limit=200):
    """Outbox rows newest first; region officers see only their own region's."""
    policy.ensure(actor, "outbox.view")
    statement = select(Notification).order_by(Notification.created_at.desc(), Notification.id.desc())
    if policy.is_region_scoped(actor):
        statement = statement.where(Notification.scope == actor.region.code)
    if region:
        statement = statement.where(Notification.scope == region)
    if kind:
        statement = statement.where(Notification.kind == kind)
    if status:
        statement = statement.where(Notification.status == status)
    return db.session.scalars(statement.limit(limit)).all()


def archive(actor, region=None):
    """Every PDF that went out, newest first (region officers: their own region's)."""
    policy.ensure(actor, "outbox.view")
    statement = select(SentReport).order_by(SentReport.created_at.desc(), SentReport.id.desc())
    if policy.is_region_scoped(actor):
        statement = statement.where(SentReport.scope == actor.region.code)
    elif region:
        statement = statement.where(SentReport.scope == region)
    return [report for report in db.session.scalars(statement) if report.recipients]


def archived_report(actor, report_id):
    policy.ensure(actor, "outbox.view")
    report = db.session.get(SentReport, report_id)
    if report is None or not report.recipients:
        raise NotFound(_("No such report."))
    if policy.is_region_scoped(actor) and report.scope != actor.region.code:
        raise NotFound(_("No such report."))
    return report
