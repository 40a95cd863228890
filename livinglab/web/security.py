"""Security headers on every response: a CSP without inline script or style, no framing
(except an evidence preview, which our own pages may frame), no MIME sniffing, a strict
referrer policy, and HSTS when served over HTTPS.

Answers to a signed-in browser or a bearer token (pages, API JSON, PDFs, spreadsheets, archived
files, even their errors and redirects) are `Cache-Control: no-store`: no browser, proxy or
shared computer keeps a copy. Only static files and what anonymous visitors get (the public
board) keep their caching.
"""

from flask import current_app, g, request, session

from livinglab.web.access import bearer_token

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
FRAMEABLE_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
NO_STORE = "no-store"


def add_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint != "static" and _for_someone():
        headers["Cache-Control"] = NO_STORE
    return response


def allow_same_origin_framing(response):
    """Let our own pages, and only they, frame this one answer (an evidence preview); every other
    answer keeps `frame-ancestors 'none'` and `X-Frame-Options: DENY`."""
    response.headers["Content-Security-Policy"] = FRAMEABLE_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


def _for_someone():
    """The answer is for a signed-in user or a token holder, or the request carried credentials
    (checked without the database: the answer may be an error because it is down)."""
    user = g.get("_login_user")
    if user is not None and user.is_authenticated:
        return True
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return bearer_token(request) is not None or "_user_id" in session or remember_cookie in request.cookies


def register(app):
    app.after_request(add_headers)
