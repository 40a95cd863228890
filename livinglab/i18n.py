"""Locale choice and Indonesian-first formatting of dates, times and numbers.

Times are stored in UTC and shown on the reader's clock with its label (`13.09 WIB`, `14.09 WITA`,
`15.09 WIT`): an email or a PDF about a region in that region's zone (`reading_in`), a page in the
zone the user chose in their profile, else a region officer's region's zone, else WIB (the host's
and the ministries'). A moment shown as a day is that moment's day on the same clock; dates that
are days (due dates, signing dates) stay as they are.
"""

from contextlib import contextmanager
from datetime import datetime

from flask import current_app, g, has_app_context, has_request_context, request, session
from flask_babel import force_locale, format_date, format_decimal, get_locale
from flask_login import current_user

from livinglab.domain import periods
from livinglab.domain.regions import UTC_OFFSETS

ZONES = tuple(UTC_OFFSETS)
DEFAULT_ZONE = "WIB"


def select_locale():
    """The session's explicit choice, else the user's saved language, else the default (id)."""
    languages = current_app.config["LANGUAGES"]
    if has_request_context():
        chosen = session.get("locale")
        if chosen in languages:
            return chosen
        if current_user and current_user.is_authenticated and current_user.locale in languages:
            return current_user.locale
        if request.path.startswith("/api/"):
            return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def viewer_zone():
    """WIB, WITA or WIT: the zone times are shown in right now (see the module's docstring)."""
    zone = g.get("reading_zone") if has_app_context() else None
    if zone:
        return zone
    if has_request_context() and current_user and current_user.is_authenticated:
        if current_user.timezone in UTC_OFFSETS:
            return current_user.timezone
        if current_user.role == "region_officer" and current_user.region is not None:
            return current_user.region.timezone
    return DEFAULT_ZONE


@contextmanager
def reading_in(locale, zone=DEFAULT_ZONE):
    """Render for a reader who is not the one at the screen (an email, a PDF): their language,
    their region's clock."""
    previous = g.get("reading_zone")
    g.reading_zone = zone if zone in UTC_OFFSETS else DEFAULT_ZONE
    try:
        with force_locale(locale):
            yield
    finally:
        g.reading_zone = previous


def long_date(value):
    """`21 November 2022` in Indonesian, `November 21, 2022` in English; '' for None. A moment
    (datetime) is first put on the reader's clock."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = periods.local(value, viewer_zone()).date()
    return format_date(value, format="long")


def short_datetime(value, seconds=False):
    """`30 Nov 2026 13.09 WIB` (Indonesian) or `Nov 30, 2026 13:09 WIB`: the moment on the reader's
    clock, with the clock's name."""
    if not value:
        return ""
    zone = viewer_zone()
    moment = periods.local(value, zone)
    separator = "." if current_locale() == "id" else ":"
    clock = separator.join(f"{part:02d}" for part in (moment.hour, moment.minute, moment.second)[: 3 if seconds else 2])
    return f"{format_date(moment.date(), format='medium')} {clock} {zone}"


def number(value, decimals=None):
    """Indonesian separators: 1.234,56."""
    if value is None:
        return ""
    if decimals is not None:
        return format_decimal(value, format="#,##0." + "0" * decimals if decimals else "#,##0")
    return format_decimal(value)


def current_locale():
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def register(app):
    app.jinja_env.globals["current_locale"] = current_locale
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["short_datetime"] = short_datetime
    app.jinja_env.filters["number"] = number
