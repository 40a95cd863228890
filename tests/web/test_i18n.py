"""Indonesian first, English second: defaults, switching, formatting, complete catalogues."""

from datetime import date
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from flask_babel import force_locale

from livinglab.i18n import long_date, number

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "livinglab" / "translations"
METHOD_MAP = [("livinglab/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def test_login_page_is_indonesian_by_default(web):
    page = web.get("/login").get_data(as_text=True)
    assert '<html lang="id">' in page and "Masuk" in page and "Kata sandi" in page


def test_session_can_switch_to_english_and_back(web):
    web.post("/locale", data={"locale": "en", "next": "/login"})
    page = web.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page and "Sign in" in page
    web.post("/locale", data={"locale": "id", "next": "/login"})
    assert "Kata sandi" in web.get("/login").get_data(as_text=True)


def test_user_language_is_saved_and_used_on_next_sign_in(app, login_as):
    from conftest import WebClient

    client = login_as("host_staff", locale="en")
    assert "Sign out" in client.get("/home").get_data(as_text=True)
    client.post("/locale", data={"locale": "id", "next": "/home"})
    fresh = WebClient(app)
    fresh.login(client.user.email)
    assert "Keluar" in fresh.get("/home").get_data(as_text=True)


def test_dates_and_numbers_in_indonesian_and_english(app):
    with app.test_request_context():
        with force_locale("id"):
            assert long_date(date(2022, 11, 21)) == "21 November 2022"
            assert long_date(date(2023, 8, 17)) == "17 Agustus 2023"
            assert number(1234.5, 1) == "1.234,5"
        with force_locale("en"):
            assert long_date(date(2022, 11, 21)) == "November 21, 2022"
            assert number(1234.5, 1) == "1,234.5"


def _catalogue(locale):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=locale)


def test_every_message_has_an_indonesian_and_an_english_translation():
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        template = read_po(handle)
    for locale in ("id", "en"):
        catalogue = _catalogue(locale)
        problems = []
        for message in template:
            if not message.id:
                continue
            translated = catalogue.get(message.id)
            strings = translated.string if translated else None
            strings = strings if isinstance(strings, tuple) else (strings,)
            if translated is None or not all(strings) or translated.fuzzy:
                problems.append(message.id)
        assert not problems, f"{locale}: untranslated or fuzzy: {problems[:20]}"


def test_the_template_holds_every_string_of_the_code():
    """Fails when a new user-facing string was added without `make messages`."""
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        known = {m.id for m in read_po(handle) if m.id}
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=KEYWORDS, options_map={}
    ):
        found.add(message if not isinstance(message, tuple) else tuple(m for m in message if m))
    missing = {m if not isinstance(m, tuple) or len(m) > 1 else m[0] for m in found} - known
    assert not missing, f"run `make messages` and translate: {sorted(map(str, missing))[:20]}"
