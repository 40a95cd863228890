"""Route permissions: `@requires(perm)` records the permission on the view and enforces it."""

from functools import wraps

from flask import abort, request
from flask_login import current_user

from livinglab import policy
from livinglab.extensions import db, login_manager
from livinglab.models import User
from livinglab.services import accounts


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
    """Session users for HTML pages only: the API authenticates by bearer token alone."""
    if is_api_request():
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active else None


def bearer_token(req):
    """The raw token of an `Authorization: Bearer <token>` header, or None."""
    scheme, _, raw = req.headers.get("Authorization", "").partition(" ")
    return (raw.strip() or None) if scheme.lower() == "bearer" else None


@login_manager.request_loader
def load_user_from_token(req):
    if not req.path.startswith("/api/"):
        return None
    return accounts.user_for_token(bearer_token(req))
