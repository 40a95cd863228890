"""One error surface: JSON `{"error": {code, message}}` on /api/ paths, a page elsewhere."""

from flask import current_app, g, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import BadRequest, HTTPException

from livinglab.errors import DomainError
from livinglab.extensions import db, login_manager
from livinglab.web.marshmallow_messages import translate_all

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class BadInput(BadRequest):
    """A 400 raised while reading the request, with a message for the user (already translated).
    Nothing was written, so unlike a domain error it rolls nothing back."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _messages():
    return {
        400: _("The request could not be understood."),
        401: _("Sign in is required (send a valid Bearer token)."),
        403: _("You are not allowed to do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        409: _("The data was changed by someone else."),
        413: _("The upload is too large (at most %(mb)s MB).", mb=current_app.config["UPLOAD_MAX_MB"]),
        415: _("Unsupported content type: send application/json."),
        422: _("Some values are not valid."),
        429: _("Too many requests. Please wait and try again."),
        500: _("Something went wrong on our side. Nothing was saved; please try again."),
        503: _("The service is temporarily unavailable. Please try again shortly."),
    }


def _is_api():
    return request.path.startswith("/api/")


def error_response(status, message=None, fields=None, headers=None, code=None, extra=None):
    message = message or _messages().get(status) or _("Error")
    if _is_api():
        body = {"error": {"code": code or ERROR_CODES.get(status, "error"), "message": message}}
        if fields:
            body["error"]["fields"] = fields
        body["error"].update(extra or {})  # e.g. the id a second commitment's conflict is about
        response = jsonify(body)
    else:
        response = current_app.make_response(
            render_template("errors/error.html", status=status, message=message, fields=fields)
        )
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _webargs_fields(error):
    messages = (getattr(error, "data", None) or {}).get("messages")
    if not messages:
        return None
    flat = {}
    for location_messages in translate_all(messages).values():
        if isinstance(location_messages, dict):
            for field, problems in location_messages.items():
                flat[field] = "; ".join(map(str, problems)) if isinstance(problems, list) else str(problems)
    return flat or None


def handle_http_exception(error):
    status = error.code or 500
    if status >= 500:
        db.session.rollback()
        original = getattr(error, "original_exception", None)
        if original is not None:
            current_app.logger.exception("unhandled error", exc_info=original)
    fields = _webargs_fields(error) if status in (400, 422) else None
    message = getattr(error, "message", None) if isinstance(error, BadInput) else None
    if message is None and status == 400 and getattr(error, "description", None) and not fields:
        if "CSRF" in error.description:
            message = _("The form has expired or is missing its security token. Reload the page and try again.")
        elif _is_api() and "JSON" in error.description:
            message = _("The request body is not valid JSON.")
    headers = {}
    if status == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(error.valid_methods)
    return error_response(status, message, fields, headers)


def handle_domain_error(error):
    db.session.rollback()
    # a rule with a name of its own (e.g. `evidence_age_rule`) keeps it; the others answer by status
    return error_response(
        error.status, error.message, error.fields or None, code=error.code, extra=getattr(error, "extra", None)
    )


def handle_database_unavailable(error):
    """The database refused or dropped the connection (or stayed locked): nothing was committed,
    so the client may simply retry; 503 with Retry-After instead of a 500."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.invalidate()
    # Answer as for an anonymous visitor: loading the signed-in user (for the page's menu or the
    # language) would need the database again. The session cookie is left as it was.
    g._login_user = login_manager.anonymous_user()
    current_app.logger.warning("database unavailable: %s", error.orig if hasattr(error, "orig") else error)
    return error_response(503, headers={"Retry-After": "5"})


def register(app):
    app.register_error_handler(OperationalError, handle_database_unavailable)
    app.register_error_handler(PoolTimeout, handle_database_unavailable)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(DomainError, handle_domain_error)
