"""Account emails (password reset links, invitations), composed from their outbox row when it is delivered.

The row names only the recipient: the link is made here, at delivery, so no secret sits in the
outbox. A row for an email without an active account, or one older than a link's lifetime, is
not sent at all (`NotSent`).
"""

from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app, render_template
from flask_babel import force_locale

from livinglab.models.base import utcnow
from livinglab.services import password_reset


class NotSent(Exception):
    """This row must not go out; the message says why (kept as the row's last error)."""


def compose(notification, message_id):
    """The email for one account row (kind `password_reset` or `account_invitation`), or raise `NotSent`."""
    invitation = notification.kind == password_reset.INVITATION_KIND
    if invitation:
        user = password_reset.invited_account(notification.recipient)
        if user is None:
            raise NotSent("no account waits for this invitation (none, or already active): nothing sent")
    else:
        user = password_reset.active_account(notification.recipient)
        if user is None:
            raise NotSent("no active account uses this email: nothing sent")
    if utcnow() - notification.created_at > timedelta(seconds=password_reset.link_max_age(notification.kind)):
        raise NotSent("the link would already have expired: nothing sent")
    token = password_reset.password_reset_token(user, notification.created_at, invitation=invitation)
    link = current_app.config["BASE_URL"].rstrip("/") + f"/reset-password/{token}"
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = user.email
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id
    with force_locale(notification.locale):
        message["Subject"] = render_template(f"email/{notification.kind}.subject.txt", user=user).strip()
        message.set_content(render_template(f"email/{notification.kind}.txt", user=user, link=link))
    return message
