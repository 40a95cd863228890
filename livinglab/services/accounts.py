"""User accounts: creation and changes by host admins, password rules, sign-in and throttling, API tokens.

Password reset by emailed link is in `password_reset`; browser sessions are in `login_sessions`.
"""

import functools
import hashlib
import secrets
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from livinglab import policy
from livinglab.domain.regions import UTC_OFFSETS
from livinglab.errors import Conflict, Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import Agency, ApiToken, Contact, LoginFailure, Region, User
from livinglab.models.accounts import LOCALES, ROLES
from livinglab.models.base import utcnow
from livinglab.services import audit, login_sessions

MIN_PASSWORD_LENGTH = 12
COMMON_PASSWORDS = 10_000  # refuse this many of the most common passwords


class Throttled(Exception):
    """Too many failed logins; `minutes` says how long to wait."""

    def __init__(self, minutes):
        super().__init__(minutes)
        self.minutes = minutes


def normalize_email(email):
    try:
        return validate_email((email or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise Invalid(_("Invalid email address."), {"email": _("Invalid email address.")}) from None


def hash_password(password):
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


UNUSABLE_PREFIX = "!"  # no werkzeug hash starts so


def unusable_password_hash():
    """A stored hash no password matches, for an account waiting for its invitation: without "$"
    werkzeug refuses it unhashed (no scrypt run per invited officer), and its random tail keeps each
    set-password link (signed over the hash's tail) unique."""
    return UNUSABLE_PREFIX + secrets.token_urlsafe(32)


@functools.cache
def _common_passwords():
    """The most common passwords, lower case, loaded on first use: the head of the ranked list of
    leaked passwords that zxcvbn ships (its `passwords` frequency list, 30,000 entries)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"][:COMMON_PASSWORDS])


def check_password_rules(password):
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        message = _("The password needs at least %(n)s characters.", n=MIN_PASSWORD_LENGTH)
        raise Invalid(message, {"password": message})
    if password.lower() in _common_passwords():
        message = _("This password is one of the most common ones. Choose another.")
        raise Invalid(message, {"password": message})


def find_region(code):
    region = db.session.scalar(select(Region).where(Region.code == (code or "").strip()))
    if region is None:
        message = _("Unknown region code: %(code)s", code=code)
        raise Invalid(message, {"region": message})
    return region


def find_agency(code):
    needle = (code or "").strip().lower()
    agency = db.session.scalar(
        select(Agency).where((func.lower(Agency.code) == needle) | (func.lower(Agency.name) == needle))
    )
    if agency is None:
        message = _("Unknown agency: %(code)s", code=code)
        raise Invalid(message, {"agency": message})
    return agency


def _apply_role_scope(user, role, region_code, agency_code):
    if role not in ROLES:
        message = _("Unknown role: %(role)s", role=role)
        raise Invalid(message, {"role": message})
    user.role = role
    if role == "region_officer":
        if not region_code:
            raise Invalid(_("A region officer needs a region."), {"region": _("Required for a region officer.")})
        region = find_region(region_code)
        if region.kind == "province":
            raise Invalid(
                _("A region officer belongs to a regency or city."), {"region": _("Choose a regency or city.")}
            )
        user.region = region
    elif role in ("host_admin", "host_staff"):
        user.region = find_region(current_app.config["HOST_REGION_CODE"])
    else:
        user.region = None
    user.agency = find_agency(agency_code) if role == "ministry_viewer" and agency_code else None


def _snapshot(user):
    return {
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "region": user.region.code if user.region else None,
        "agency": user.agency.code if user.agency else None,
        "locale": user.locale,
        "active": user.active,
    }


def create_user(actor, *, email, name, role, password, region=None, agency=None, locale="id", reminder_contact=False):
    """Create an account. `actor` None means the operator on the CLI. With `reminder_contact`, a
    region officer also becomes a reminder contact (role officer) of their region, in the same
    transaction (the page and the CLI tick it by default; other roles are never contacts)."""
    if actor is not None:
        policy.ensure(actor, "users.manage")
    email = normalize_email(email)
    if not (name or "").strip():
        raise Invalid(_("A name is required."), {"name": _("Required.")})
    if locale not in LOCALES:
        raise Invalid(_("Unknown language: %(locale)s", locale=locale), {"locale": _("Choose id or en.")})
    check_password_rules(password)
    if db.session.scalar(select(User.id).where(User.email == email)):
        raise Conflict(_("An account with %(email)s already exists.", email=email), {"email": _("Already in use.")})
    user = User(email=email, name=name.strip(), locale=locale, password_hash=hash_password(password))
    _apply_role_scope(user, role, region, agency)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", user, after=_snapshot(user))
    if reminder_contact and user.role == "region_officer":
        contact = Contact(
            region_id=user.region_id, name=user.name, email=user.email, locale=user.locale, role="officer"
        )
        db.session.add(contact)
        db.session.flush()
        audit.record(actor, "contact.create", contact, after={"name": contact.name, "email": contact.email})
    db.session.commit()
    return user


def update_user(actor, user_id, *, name, role, region=None, agency=None, locale="id", active=True):
    policy.ensure(actor, "users.manage")
    user = get_user(user_id)
    if user.id == actor.id and (not active or role != user.role):
        raise Invalid(_("You cannot deactivate yourself or change your own role."), {"role": _("Not for yourself.")})
    before = _snapshot(user)
    if not (name or "").strip():
        raise Invalid(_("A name is required."), {"name": _("Required.")})
    if locale not in LOCALES:
        raise Invalid(_("Unknown language: %(locale)s", locale=locale), {"locale": _("Choose id or en.")})
    user.name = name.strip()
    user.locale = locale
    user.active = bool(active)
    _apply_role_scope(user, role, region, agency)
    audit.record(actor, "user.update", user, before=before, after=_snapshot(user))
    db.session.commit()
    return user


def set_active(actor, user_id, active):
    policy.ensure(actor, "users.manage")
    user = get_user(user_id)
    if user.id == actor.id:
        raise Invalid(_("You cannot deactivate yourself."), {})
    before = _snapshot(user)
    user.active = active
    audit.record(actor, "user.activate" if active else "user.deactivate", user, before, _snapshot(user))
    db.session.commit()
    return user


def set_locale(user, locale):
    set_preferences(user, {"locale": locale})


def set_preferences(user, changes):
    """One's own language (`locale`: id, en) and clock (`timezone`: WIB, WITA, WIT, or None for the
    region's zone, else WIB); only the keys given change."""
    errors = {}
    if "locale" in changes and changes["locale"] not in LOCALES:
        errors["locale"] = _("Choose id or en.")
    if "timezone" in changes and changes["timezone"] not in (None, *UTC_OFFSETS):
        errors["timezone"] = _("Choose WIB, WITA or WIT, or leave it empty for your region's zone.")
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    before = {name: getattr(user, name) for name in changes}
    if before != changes:
        for name, value in changes.items():
            setattr(user, name, value)
        audit.record(user, "user.preferences", user, before, dict(changes))
        db.session.commit()


def get_user(user_id):
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("No such user."))
    return user


def list_users(actor, *, role=None, query=None):
    policy.ensure(actor, "users.manage")
    stmt = select(User).order_by(User.role, User.name)
    if role:
        stmt = stmt.where(User.role == role)
    if query:
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(func.lower(User.name).like(like) | User.email.like(like))
    return db.session.scalars(stmt).all()


# --- login and throttling -------------------------------------------------------------------


def _recent_failures(column, value, since):
    return db.session.scalar(select(func.count(LoginFailure.id)).where(column == value, LoginFailure.at >= since))


def authenticate(email, password, ip):
    """Sign in: (user, session key) for a correct email+password, or None. Raises `Throttled`.

    The session key goes into the browser's cookie (see `login_sessions`). The answer never says
    whether the account exists: unknown emails cost the same hash check and count towards the same
    throttle.
    """
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_THROTTLE_MINUTES"])
    since = utcnow() - window
    key = (email or "").strip().lower()
    limit = config["LOGIN_MAX_FAILURES"]
    if (
        _recent_failures(LoginFailure.email, key, since) >= limit
        or _recent_failures(LoginFailure.ip, ip or "", since) >= limit * 4
    ):
        raise Throttled(config["LOGIN_THROTTLE_MINUTES"])
    user = db.session.scalar(select(User).where(User.email == key)) if key else None
    if user is None or user.password_hash.startswith(UNUSABLE_PREFIX):
        check_password_hash(_dummy_hash(), password or "")  # the same cost as a real account's check
    elif check_password_hash(user.password_hash, password or "") and user.active:
        db.session.execute(LoginFailure.__table__.delete().where(LoginFailure.email == key))
        user.last_login_at = utcnow()
        session_key = login_sessions.open_session(user)
        audit.record(user, "user.login", user)
        db.session.commit()
        return user, session_key
    db.session.add(LoginFailure(email=key[:254], ip=(ip or "")[:45]))
    db.session.commit()
    return None


def _dummy_hash():
    app = current_app._get_current_object()
    if "livinglab.dummy_hash" not in app.extensions:
        app.extensions["livinglab.dummy_hash"] = hash_password(secrets.token_hex(8))
    return app.extensions["livinglab.dummy_hash"]


# --- API tokens -----------------------------------------------------------------------------


def _token_digest(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(email, name="cli", expires_in=None):
    """Create a token for the account, valid for `expires_in` (a timedelta) or until revoked;
    returns (token row, raw token shown once)."""
    user = db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))
    if user is None:
        raise NotFound(_("No account with email %(email)s", email=email))
    if expires_in is not None and expires_in <= timedelta(0):
        raise Invalid(_("A token must stay valid for some time."))
    raw = "ll_" + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=(name or "cli")[:80], token_hash=_token_digest(raw), prefix=raw[:10])
    token.expires_at = utcnow() + expires_in if expires_in is not None else None
    db.session.add(token)
    db.session.flush()
    expires = token.expires_at.isoformat(timespec="minutes") if token.expires_at else None
    audit.record(None, "token.create", token, after={"user": user.email, "name": token.name, "expires_at": expires})
    db.session.commit()
    return token, raw


def revoke_token(token_id):
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(_("No token with id %(id)s", id=token_id))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(None, "token.revoke", token)
        db.session.commit()
    return token


def revoke_all_tokens(actor, user):
    """Revoke every live token of `user` (flush only: part of the caller's use case)."""
    now = utcnow()
    revoked = db.session.execute(
        update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)).values(revoked_at=now)
    ).rowcount
    if revoked:
        audit.record(actor, "token.revoke_all", user, after={"revoked": revoked})
    return revoked


def list_tokens(email=None):
    stmt = select(ApiToken).order_by(ApiToken.id)
    if email:
        stmt = stmt.join(ApiToken.user).where(User.email == email.strip().lower())
    return db.session.scalars(stmt).all()


def user_for_token(raw):
    """The active user behind a bearer token, or None (unknown, revoked, expired or inactive)."""
    if not raw:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_digest(raw)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    now = utcnow()
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        token.last_used_at = now
        db.session.commit()
    return token.user
