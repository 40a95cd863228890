"""Route permissions: `@requires(perm)` records the permission on the view and enforces it; who
the user is: browser sessions (checked on every request) and bearer tokens."""

import hashlib
from functools import wraps

from flask import abort, request, session
from flask_login import current_user, login_user, logout_user

from livinglab import policy
from livinglab.extensions import login_manager
from livinglab.services import accounts, login_sessions

SESSION_KEY = "_session_key"  # the login_sessions row of this browser
SESSION_GENERATION = "_session_generation"  # the user's generation at sign-in


def is_api_request():
    return request.path.startswith("/api/")


def requires(permission):
    """Declare and enforce the permission a view needs (`policy.PUBLIC` for open routes)."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if permission != policy.PUBLIC:
                if not current_user.is_authenticated:
                    if is_api_request():
                        abort(401)
                    return login_manager.unauthorized()
                if not policy.can(current_user, permission):
                    abort(403)
            return view(*args, **kwargs)

        guarded.permission = permission
        return guarded

    return decorate


def declare(app, endpoint, permission):
    """Wrap a view registered by a library (e.g. the OpenAPI document) with a permission."""
    app.view_functions[endpoint] = requires(permission)(app.view_functions[endpoint])


@login_manager.user_loader
def load_user(user_id):
    """Session users for HTML pages only: the API authenticates by bearer token alone.

    The cookie is not enough: its server-side session must still exist (not signed out) and its
    generation must be the user's current one (no password, role, region or active change since).
    A session without them, such as one rebuilt from a remember-me cookie, is no session.
    """
    if is_api_request():
        return None
    return login_sessions.user_for_session(user_id, session.get(SESSION_KEY), session.get(SESSION_GENERATION))


def start_browser_session(user, session_key):
    """After `accounts.authenticate`: a fresh cookie (nothing kept from before but the language)."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    login_user(user)
    session[SESSION_KEY] = session_key
    session[SESSION_GENERATION] = user.session_generation


def end_browser_session():
    """Sign out this browser: its server-side session goes, so copies of the cookie die with it."""
    login_sessions.end_session(session.get("_user_id"), session.get(SESSION_KEY))
    logout_user()
    session.clear()


def client_identifier():
    """What flask-login's "strong" protection binds a session to: the peer address and browser.

    flask-login's own identifier prefers the X-Forwarded-For header, which any client can write: a
    thief could send the victim's address along with a stolen cookie, and a changing header ended
    honest sessions. `remote_addr` is the socket's peer or, with PROXY_COUNT, the address that
    ProxyFix took from the trusted proxies' part of the header.
    """
    base = f"{request.remote_addr}|{request.headers.get('User-Agent')}"
    return hashlib.sha512(base.encode()).hexdigest()


login_manager._session_identifier_generator = client_identifier  # flask-login has no public setting


def bearer_token(req):
    """The raw token of an `Authorization: Bearer <token>` header, or None."""
    scheme, _, raw = req.headers.get("Authorization", "").partition(" ")
    return (raw.strip() or None) if scheme.lower() == "bearer" else None


@login_manager.request_loader
def load_user_from_token(req):
    if not req.path.startswith("/api/"):
        return None
    return accounts.user_for_token(bearer_token(req))
