"""Locale choice and Indonesian-first formatting of dates and numbers."""

from flask import current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_login import current_user


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


def long_date(value):
    """`21 November 2022` in Indonesian, `November 21, 2022` in English; '' for None."""
    return format_date(value, format="long") if value else ""


def short_datetime(value):
    return format_datetime(value, format="medium") if value else ""


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
