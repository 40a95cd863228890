"""One guard for what clients send, before any view, form or API schema reads it.

Refused with 400 and the usual error body:
- NUL characters (PostgreSQL cannot store them, SQLite would) and lone surrogates (half of a
  UTF-16 pair, e.g. the JSON escape "\\ud800", which no database driver can encode) in query
  strings, form fields and JSON bodies, keys included;
- JSON nested deeper than MAX_JSON_DEPTH, measured on the raw bytes without recursion before
  anything parses it (a parser would recurse until it crashed);
- JSON that does not parse, and numbers in JSON a database integer cannot hold;
- whole-number query parameters (`request.args.get(name, type=int)`, which the paging helper and
  every int filter use) outside the range of a database integer: `GuardedRequest` makes every
  such read bounded, so no view can forget it.

Normalised: bidirectional-override characters (U+202A–U+202E, U+2066–U+2069) are removed from
form fields and JSON strings, so stored free text reads the same as it displays (they can make a
note or a name show something else than it says). Uploaded files are binary and not looked at.
"""

import json
import math
import re
from itertools import accumulate

from flask import Request, request
from flask_babel import gettext as _
from werkzeug.datastructures import ImmutableMultiDict

from livinglab.web.converters import MAX_ID
from livinglab.web.errors import BadInput, error_response

MAX_JSON_DEPTH = 32
MAX_INT = MAX_ID  # what an `integer` column holds on PostgreSQL and SQLite alike
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')  # linear: no nested repetition
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
_DEPTH_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class Refused(Exception):
    """Input the guard refuses; the message says why."""


class UnusableNumber(BadInput):
    """A whole-number query parameter outside what the database holds (400 with the usual body)."""


class GuardedArgs(ImmutableMultiDict):
    """Query and form values whose `get(name, type=int)` is bounded to a database integer."""

    def get(self, key, default=None, type=None):  # werkzeug's signature
        value = super().get(key, default=default, type=type)
        if type is int and isinstance(value, int) and not -MAX_INT <= value <= MAX_INT:
            raise UnusableNumber(
                _(
                    "The value of %(name)s is not a usable number (it must lie between %(min)s and %(max)s).",
                    name=key,
                    min=-MAX_INT,
                    max=MAX_INT,
                )
            )
        return value


class GuardedRequest(Request):
    parameter_storage_class = GuardedArgs


def json_depth(body):
    """How deeply arrays and objects nest in the raw JSON `body` (bytes), without recursion:
    strings are cut out first, then the brackets left are counted."""
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return 0
    brackets = _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets), initial=0))


def _clean_text(text):
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise Refused(_("Text may not contain unpaired surrogate characters.")) from None
        text = text.translate(BIDI_CONTROLS)
    if "\x00" in text:
        raise Refused(_("Text may not contain NUL characters."))
    return text


def _clean_json(value):
    """`value` with every string cleaned; recursion is bounded by the depth checked before."""
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, dict):
        return {_clean_text(key): _clean_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean_json(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if (isinstance(value, int) and not -MAX_INT <= value <= MAX_INT) or (
        isinstance(value, float) and not math.isfinite(value)
    ):
        raise Refused(
            _(
                "A number in the request is not usable (it must lie between %(min)s and %(max)s).",
                min=-MAX_INT,
                max=MAX_INT,
            )
        )
    return value


def _guard_json():
    body = request.get_data(cache=True)
    if not body.strip():
        return
    if json_depth(body) > MAX_JSON_DEPTH:
        raise Refused(_("The JSON body is nested too deeply (at most %(depth)s levels).", depth=MAX_JSON_DEPTH))
    try:
        data = json.loads(body)
    except ValueError:
        raise Refused(_("The request body is not valid JSON.")) from None
    cleaned = _clean_json(data)
    if cleaned != data:  # every reader (Flask, webargs) sees the cleaned body
        request._cached_data = json.dumps(cleaned, ensure_ascii=False).encode()
    request._cached_json = (cleaned, cleaned)


def _guard_form():
    cleaned = [(name, _clean_text(value)) for name, value in request.form.items(multi=True)]
    if cleaned != list(request.form.items(multi=True)):
        request.form = GuardedArgs(cleaned)


def guard():
    try:
        if "\x00" in request.full_path:
            raise Refused(_("Text may not contain NUL characters."))
        for _name, value in request.args.items(multi=True):
            _clean_text(value)
        if request.is_json:
            _guard_json()
        elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            _guard_form()
    except Refused as refusal:
        return error_response(400, str(refusal))
    return None


def register(app):
    app.request_class = GuardedRequest
    app.before_request(guard)
