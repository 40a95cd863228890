"""Browser sessions: opened at sign-in, ended at sign-out, all ended when the user's authority changes.

The signed cookie names the user, a random session key and the user's session generation. A page
request is signed in only while all three still hold: the key's row exists (signing out deletes it,
so a copy of that one cookie is dead, and the user's other browsers stay signed in), the generation
is the user's current one (raised whenever the password, role, region, agency or active flag
changes, which ends every session of the user at once) and the session is younger than
PERMANENT_SESSION_LIFETIME.
"""

import hashlib
import secrets

from flask import current_app
from sqlalchemy import delete, event, inspect, select

from livinglab.extensions import db
from livinglab.models import LoginSession, User
from livinglab.models.base import utcnow
from livinglab.services import audit

# What a session may do depends on these; a change to any of them ends every session of the user.
AUTHORITY = ("password_hash", "role", "region_id", "region", "agency_id", "agency", "active")


@event.listens_for(User, "before_update")
def _end_sessions_when_authority_changes(_mapper, _connection, user):
    """Every write path (web, API, CLI, import, scripts) gets this; a service cannot forget it."""
    state = inspect(user)
    if any(state.attrs[name].history.has_changes() for name in AUTHORITY):
        user.session_generation = (user.session_generation or 0) + 1


def _digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


def _oldest_valid():
    return utcnow() - current_app.permanent_session_lifetime


def open_session(user):
    """Add a session row for `user` (flush only, the caller commits); returns the key for the cookie."""
    db.session.execute(delete(LoginSession).where(LoginSession.created_at < _oldest_valid()))
    key = secrets.token_urlsafe(32)
    db.session.add(LoginSession(user_id=user.id, key_hash=_digest(key)))
    return key


def end_session(user_id, key):
    """Sign out one browser: its row goes, so every copy of its cookie stops working."""
    if not key:
        return
    row = db.session.scalar(select(LoginSession).where(LoginSession.key_hash == _digest(key)))
    if row is not None and str(row.user_id) == str(user_id):
        user = db.session.get(User, row.user_id)
        audit.record(user, "user.logout", user)
        db.session.delete(row)
        db.session.commit()


def user_for_session(user_id, key, generation):
    """The active user of a live session, or None."""
    if not key or generation is None or not str(user_id).isdigit():
        return None
    return db.session.scalar(
        select(User)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(
            User.id == int(user_id),
            User.active.is_(True),
            User.session_generation == generation,
            LoginSession.key_hash == _digest(key),
            LoginSession.created_at >= _oldest_valid(),
        )
    )
