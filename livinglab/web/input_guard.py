"""Refuse text with NUL characters before any view reads it.

PostgreSQL cannot store them and SQLite would; refusing them up front keeps both databases
answering the same (400), for query strings, form fields and JSON bodies alike. Uploaded files
are binary and not looked at here.
"""

from flask import request
from flask_babel import gettext as _

from livinglab.web.errors import error_response


def _has_nul():
    if "\x00" in request.full_path or any("\x00" in value for value in request.args.values()):
        return True
    if request.mimetype == "application/json":
        body = request.get_data(cache=True)
        return b"\\u0000" in body or b"\x00" in body
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return any("\x00" in value for value in request.form.values())
    return False


def refuse_nul():
    if _has_nul():
        return error_response(400, _("Text may not contain NUL characters."))
    return None


def register(app):
    app.before_request(refuse_nul)
