"""Password reset by emailed link.

A request, by the account holder or by a host admin, only enqueues an outbox row (kind
`password_reset`); the mail is composed when the row is delivered (`services.mail`), so the link is
never stored. Asking for an unknown or inactive email does exactly the same work: the row is
enqueued and later dropped unsent, so neither the answer nor its timing tells which emails exist.

The link is signed, names the request time, and stops working after PASSWORD_RESET_MAX_AGE (one
hour), once the password has changed (it is used), and when the user's sessions were ended for
any other reason (role, region, deactivation).

An invitation (kind `account_invitation`, sent to an account created inactive by an import) is the
same link marked as one: it works for INVITATION_MAX_AGE, on an inactive account only, and setting
the password activates the account.
"""

import secrets
import time

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from livinglab import policy
from livinglab.errors import Invalid
from livinglab.extensions import db
from livinglab.models import LoginFailure, Notification, User
from livinglab.models.base import utcnow
from livinglab.services import accounts, audit

KIND = "password_reset"
INVITATION_KIND = "account_invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600  # an invitation link works for two weeks
SCOPE = "account"
_SALT = "password-reset"


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def password_reset_token(user, requested_at=None, invitation=False):
    """The link's token: valid for one hour from `requested_at` (an invitation: INVITATION_MAX_AGE),
    for this password and these sessions."""
    requested_at = requested_at or utcnow()
    data = {
        "uid": user.id,
        "h": user.password_hash[-16:],
        "g": user.session_generation,
        "t": int(requested_at.timestamp()),
    }
    if invitation:
        data["i"] = 1
    return _serializer().dumps(data)


def link_max_age(kind):
    return INVITATION_MAX_AGE if kind == INVITATION_KIND else current_app.config["PASSWORD_RESET_MAX_AGE"]


def active_account(email):
    user = db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))
    return user if user is not None and user.active else None


def invited_account(email):
    """The not yet activated account an invitation to `email` is for, or None."""
    user = db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))
    return user if user is not None and not user.active else None


def _enqueue(recipient, user, kind=KIND):
    """The outbox row for one reset mail (flush only). It holds no link, only whom to write to."""
    now = utcnow()
    row = Notification(
        kind=kind,
        scope=SCOPE,
        recipient=recipient[:254],
        recipient_name=user.name if user else None,
        channel="email",
        locale=user.locale if user else current_app.config["BABEL_DEFAULT_LOCALE"],
        cc=[],
        period_key=secrets.token_hex(10),  # 80 random bits: each request is its own mail
        next_attempt_at=now,
        created_at=now,
    )
    db.session.add(row)
    db.session.flush()
    return row


def enqueue_invitation(user):
    """The invitation mail of a new inactive account (flush only); returns the outbox row."""
    return _enqueue(user.email, user, INVITATION_KIND)


def request_password_reset(actor, user_id, *, revoke_tokens=True):
    """A host admin sends the user a reset link (and by default revokes the user's API tokens);
    returns the outbox row's id, for delivery right after the response."""
    policy.ensure(actor, "users.manage")
    user = accounts.get_user(user_id)
    row = _enqueue(user.email, user)
    if revoke_tokens:
        accounts.revoke_all_tokens(actor, user)
    audit.record(actor, "user.password_reset_requested", user, after={"revoke_tokens": bool(revoke_tokens)})
    db.session.commit()
    return row.id


def request_own_password_reset(email):
    """Anyone may ask for a link to the account with `email`; returns the outbox row's id.

    The same work happens whether or not an active account uses the email (the row of an unknown
    one is dropped at delivery), so the caller answers the same, in the same time.
    """
    typed = (email or "").strip().lower()
    user = active_account(typed)
    row = _enqueue(typed, user)
    audit.record(user, "user.password_reset_requested", ("User", user.id if user else None))
    db.session.commit()
    return row.id


def _token_data(token):
    try:
        data = _serializer().loads(token, max_age=max(INVITATION_MAX_AGE, link_max_age(KIND)))
    except SignatureExpired:
        raise Invalid(_("This reset link has expired. Ask for a new one on the sign-in page.")) from None
    except BadSignature:
        raise Invalid(_("This reset link is not valid.")) from None
    if not isinstance(data, dict):
        raise Invalid(_("This reset link is not valid."))
    kind = INVITATION_KIND if data.get("i") else KIND
    if time.time() - data.get("t", 0) > link_max_age(kind):
        raise Invalid(_("This reset link has expired. Ask for a new one on the sign-in page."))
    return data


def user_for_reset_token(token):
    data = _token_data(token)
    user = db.session.get(User, data.get("uid"))
    if (
        user is None
        or user.active == bool(data.get("i"))  # a reset link needs an active account, an invitation an inactive one
        or user.password_hash[-16:] != data.get("h")
        or user.session_generation != data.get("g")
    ):
        raise Invalid(_("This reset link is not valid or was already used."))
    return user


def reset_password(token, new_password, *, revoke_tokens=False):
    """Set the new password (which ends every session of the user and uses up the link)."""
    user = user_for_reset_token(token)
    accounts.check_password_rules(new_password)
    user.password_hash = accounts.hash_password(new_password)
    user.active = True  # an invitation's link activates the account; a reset's found it active
    db.session.execute(LoginFailure.__table__.delete().where(LoginFailure.email == user.email))
    if revoke_tokens:
        accounts.revoke_all_tokens(user, user)
    audit.record(user, "user.password_reset", user, after={"revoke_tokens": bool(revoke_tokens)})
    db.session.commit()
    return user
