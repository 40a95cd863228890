"""Rate limits, answered with 429 and `Retry-After`.

Sign-in and password-reset submissions are limited per client address; the API per bearer token
and per client address. Counters live in `RATELIMIT_STORAGE_URI`: the default `memory://` is per
process, so with N gunicorn workers a client may get up to N times the figure. Deployments with
more than one worker point it at redis (`redis://127.0.0.1:6379/0`, or `redis+unix:///path` as
`make run` does) so every worker shares one count; if redis goes away, each worker counts in
memory until it is back. Behind a reverse proxy set `PROXY_COUNT` so the client address is the
proxy's `X-Forwarded-For`, not the proxy itself.
"""

import hashlib

from flask import current_app, request
from flask_limiter import ApplicationLimit, Limiter
from flask_limiter.util import get_remote_address

from livinglab.web.access import bearer_token, is_api_request


def _not_api():
    return not is_api_request()


def _token_key():
    token = bearer_token(request)
    return "token:" + hashlib.sha256(token.encode()).hexdigest() if token else "address:" + get_remote_address()


def _setting(name):
    return lambda: current_app.config[name]


limiter = Limiter(
    key_func=get_remote_address,
    application_limits=[
        ApplicationLimit(
            _setting("API_RATE_LIMIT_PER_TOKEN"), key_function=_token_key, scope="api-token", exempt_when=_not_api
        ),
        ApplicationLimit(
            _setting("API_RATE_LIMIT_PER_ADDRESS"),
            key_function=get_remote_address,
            scope="api-address",
            exempt_when=_not_api,
        ),
    ],
    headers_enabled=True,
)

login_limit = limiter.limit(_setting("LOGIN_RATE_LIMIT"), methods=["POST"])
password_reset_limit = limiter.limit(_setting("PASSWORD_RESET_RATE_LIMIT"), methods=["POST"])
