"""URL converters: `<int:…>` ids are bounded to what the database's integer keys can hold, so a
huge id is simply not found (404) instead of overflowing the database driver (500)."""

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL `integer`; SQLite accepts the same range


class IdConverter(IntegerConverter):
    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def register(app):
    """Before any blueprint: rules bind their converters when they are added."""
    app.url_map.converters["int"] = IdConverter
