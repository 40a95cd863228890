"""Indonesian first, English second: defaults, switching, formatting, complete catalogues.

The catalogue tests guard all later work: they fail when a string of the code is missing from
`messages.pot` (run `make messages`), when a message lacks an Indonesian or English translation
or is fuzzy, when a translation breaks a placeholder, and when a string is marked so that the
extractor cannot see it (f-string or variable inside `_()`, `_() % {...}`, an unextracted alias).
They also fail when a library's own validation message would reach an Indonesian reader in English:
WTForms' (every form of the app is sent empty and with nonsense) and marshmallow's (API errors).
"""

import ast
import importlib
import os
import pkgutil
import re
from datetime import date
from pathlib import Path

import marshmallow.fields
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.util import pathmatch
from flask_babel import force_locale
from flask_wtf import FlaskForm
from jinja2 import Environment, nodes
from marshmallow import Schema, validate
from werkzeug.datastructures import MultiDict
from wtforms.i18n import messages_path

import livinglab.web
from livinglab.i18n import long_date, number
from livinglab.web.marshmallow_messages import translate

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "livinglab" / "translations"
LOCALES = ("id", "en")
PLACEHOLDER = re.compile(r"%\((\w+)\)")
POSITIONAL = re.compile(r"%(?!\()[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc]")  # after removing "%%"
GETTEXT_FUNCTIONS = {"gettext", "ngettext", "pgettext", "npgettext", "lazy_gettext", "lazy_ngettext", "lazy_pgettext"}


def _extract_keywords():
    """Babel's default keywords plus the `-k` ones of the Makefile's `pybabel extract` line."""
    lines = [line for line in (ROOT / "Makefile").read_text().splitlines() if "pybabel" in line and " extract " in line]
    assert lines, "the Makefile has no `pybabel extract` line"
    keywords = dict(DEFAULT_KEYWORDS)
    for name in re.findall(r"(?:-k|--keyword)[ =](\w+)\b", lines[0]):
        keywords[name] = None
    return keywords


KEYWORDS = _extract_keywords()


def _positions(spec):
    """1-based argument positions holding message strings (context positions included)."""
    spec = spec or (1,)
    return [item[0] if isinstance(item, tuple) else item for item in spec]


def _mapping():
    with open(ROOT / "babel.cfg") as handle:
        return parse_mapping_cfg(handle)


def _read(path, locale=None):
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def _template():
    return _read(TRANSLATIONS / "messages.pot")


def _catalogue(locale):
    return _read(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", locale=locale)


def _forms(value):
    return value if isinstance(value, tuple) else (value,)


def _positional(text):
    return POSITIONAL.search(text.replace("%%", ""))


def _sources(method):
    """The files babel.cfg gives to an extraction method, walked as `pybabel extract` walks."""
    method_map, _options = _mapping()
    found = []
    for directory, subdirectories, filenames in os.walk(ROOT):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith((".", "_")))
        for filename in sorted(filenames):
            path = Path(directory, filename)
            relative = path.relative_to(ROOT).as_posix()
            chosen = next((m for pattern, m in method_map if pathmatch(pattern, relative)), None)
            if chosen == method:
                found.append(path)
    assert found, f"babel.cfg maps no file to {method}"
    return found


# --- behaviour ---------------------------------------------------------------------------------


def test_login_page_is_indonesian_by_default(web):
    page = web.get("/login").get_data(as_text=True)
    assert '<html lang="id">' in page and "Masuk" in page and "Kata sandi" in page


def test_session_can_switch_to_english_and_back(web):
    web.post("/locale", data={"locale": "en", "next": "/login"})
    page = web.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page and "Sign in" in page and "Password" in page
    web.post("/locale", data={"locale": "id", "next": "/login"})
    assert "Kata sandi" in web.get("/login").get_data(as_text=True)


def test_user_language_is_saved_and_used_on_next_sign_in(app, login_as):
    from conftest import WebClient

    client = login_as("host_staff", locale="en")
    page = client.get("/home").get_data(as_text=True)
    assert '<html lang="en">' in page and "Sign out" in page
    client.post("/locale", data={"locale": "id", "next": "/home"})
    assert "Keluar" in client.get("/home").get_data(as_text=True)
    fresh = WebClient(app)
    fresh.login(client.user.email)
    page = fresh.get("/home").get_data(as_text=True)
    assert '<html lang="id">' in page and "Keluar" in page


def test_dates_and_numbers_in_indonesian_and_english(app):
    with app.test_request_context():
        with force_locale("id"):
            assert long_date(date(2022, 11, 21)) == "21 November 2022"
            assert long_date(date(2023, 8, 17)) == "17 Agustus 2023"
            assert number(1234.5, 1) == "1.234,5"
        with force_locale("en"):
            assert long_date(date(2022, 11, 21)) == "November 21, 2022"
            assert number(1234.5, 1) == "1,234.5"


# --- catalogues --------------------------------------------------------------------------------


def test_every_message_has_an_indonesian_and_an_english_translation():
    template = _template()
    problems = []
    for locale in LOCALES:
        catalogue = _catalogue(locale)
        for message in template:
            if not message.id:
                continue
            translated = catalogue.get(message.id, message.context)
            if translated is None:
                problems.append(f"{locale}: missing {message.id!r}")
                continue
            strings = _forms(translated.string)
            if translated.fuzzy:
                problems.append(f"{locale}: fuzzy {message.id!r}")
            if not all(strings) or (message.pluralizable and len(strings) < catalogue.num_plurals):
                problems.append(f"{locale}: untranslated {message.id!r}")
            if _forms(translated.id) != _forms(message.id):
                problems.append(f"{locale}: plural differs from messages.pot {message.id!r}")
    assert not problems, f"{len(problems)} catalogue problem(s):\n" + "\n".join(problems)


def test_english_catalogue_repeats_the_source_strings():
    catalogue = _catalogue("en")
    wrong = [m.id for m in catalogue if m.id and _forms(m.string)[: len(_forms(m.id))] != _forms(m.id)]
    assert not wrong, "en msgstr must equal msgid:\n" + "\n".join(map(repr, wrong))


class _AnyValue(dict):
    def __missing__(self, key):
        return 0


def test_translations_keep_the_placeholders():
    template = _template()
    problems = []
    for locale in LOCALES:
        catalogue = _catalogue(locale)
        for message in template:
            translated = catalogue.get(message.id, message.context) if message.id else None
            if translated is None:
                continue
            wanted = set().union(*(PLACEHOLDER.findall(text) for text in _forms(message.id)))
            forms = [text for text in _forms(translated.string) if text]
            used = [set(PLACEHOLDER.findall(text)) for text in forms]
            if forms and (set().union(*used) != wanted or any(names - wanted for names in used)):
                problems.append(f"{locale}: {message.id!r} → {translated.string!r}")
                continue
            if message.python_format:
                for text in forms:
                    try:
                        text % _AnyValue()
                    except (ValueError, TypeError) as error:
                        problems.append(f"{locale}: {text!r} is not a valid format string ({error})")
    assert not problems, "placeholders changed in translation:\n" + "\n".join(problems)


def test_the_template_holds_every_string_of_the_code():
    """Fails when a user-facing string was added or changed without `make messages`."""
    template = _template()
    method_map, options_map = _mapping()
    extracted = Catalog()
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        extracted.add(message, None, [(filename, lineno)], context=context)
    assert len(extracted) > 100, "extraction found almost nothing: is babel.cfg still right?"
    missing = []
    for message in extracted:
        if not message.id:
            continue
        known = template.get(message.id, message.context)
        if known is None or _forms(known.id) != _forms(message.id):
            where = ", ".join(f"{path}:{line}" for path, line in message.locations)
            missing.append(f"{message.id!r} ({where})")
    assert not missing, "run `make messages` and translate:\n" + "\n".join(missing)


def _literal(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _python_marker_problems(path):
    """Marked strings the extractor cannot see or flask-babel cannot fill, in one Python file."""
    tree = ast.parse(path.read_text(), str(path))
    problems = []

    def marker(node):
        if not isinstance(node, ast.Call):
            return None
        if isinstance(node.func, ast.Name) and node.func.id in KEYWORDS:
            return node.func.id
        module = getattr(node.func, "value", None)
        if isinstance(module, ast.Name) and module.id == "flask_babel" and node.func.attr in GETTEXT_FUNCTIONS:
            return node.func.attr
        return None

    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.ImportFrom) and node.module == "flask_babel":
            for alias in node.names:
                local = alias.asname or alias.name
                if alias.name in GETTEXT_FUNCTIONS and local not in KEYWORDS:
                    problems.append(f"{where}: `{local}` is not an extraction keyword (add `-k {local}`)")
        name = marker(node)
        if name:
            for position in _positions(KEYWORDS.get(name, None)):
                argument = node.args[position - 1] if len(node.args) >= position else None
                if not _literal(argument):
                    problems.append(f"{where}: {name}() needs a literal string, not {ast.unparse(node)[:80]}")
                elif _positional(argument.value):
                    problems.append(f"{where}: use named placeholders %(name)s in {argument.value!r}")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and marker(node.left):
            problems.append(f"{where}: pass the values to {marker(node.left)}() as keywords instead of `%`")
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "format" and marker(node.func.value):
            problems.append(f"{where}: pass the values to {marker(node.func.value)}() as keywords, not .format")
    return problems


def test_marked_python_strings_are_literals_with_named_placeholders():
    problems = []
    for path in _sources("python"):
        problems.extend(_python_marker_problems(path))
    assert not problems, "\n".join(problems)


def test_marked_template_strings_are_literals_with_named_placeholders():
    environment = Environment(extensions=["jinja2.ext.i18n"])
    names = set(KEYWORDS)
    problems = []
    for path in _sources("jinja2"):
        tree = environment.parse(path.read_text(), path.name, str(path))
        where = path.relative_to(ROOT)
        for call in tree.find_all(nodes.Call):
            if not (isinstance(call.node, nodes.Name) and call.node.name in names):
                continue
            for position in _positions(KEYWORDS[call.node.name]):
                argument = call.args[position - 1] if len(call.args) >= position else None
                if not (isinstance(argument, nodes.Const) and isinstance(argument.value, str)):
                    problems.append(f"{where}:{call.lineno}: {call.node.name}() needs a literal string")
                elif _positional(argument.value):
                    problems.append(f"{where}:{call.lineno}: use named placeholders in {argument.value!r}")
        for operation in tree.find_all(nodes.Mod):
            if isinstance(operation.left, nodes.Call) and getattr(operation.left.node, "name", None) in names:
                problems.append(f"{where}:{operation.lineno}: pass the values to _() as keywords instead of `%`")
        for applied in tree.find_all(nodes.Filter):
            called = getattr(applied.node, "node", None)
            if applied.name == "format" and isinstance(called, nodes.Name) and called.name in names:
                problems.append(f"{where}:{applied.lineno}: pass the values to _() as keywords, not |format")
    assert not problems, "\n".join(problems)


# --- built-in validation messages --------------------------------------------------------------

WTFORMS_INTERNAL = {"Invalid field name '%s'."}  # a programming error, never shown to a user


def _english_pattern(text):
    """A regex matching an English message whatever its placeholders were filled with."""
    pieces = re.split(r"%\(\w+\)[sd]", text)
    return re.compile(".+?".join(re.escape(piece) for piece in pieces), re.DOTALL)


def _wtforms_originals():
    catalogue = _read(Path(messages_path()) / "wtforms.pot")
    return [message.id for message in catalogue if message.id and message.id not in WTFORMS_INTERNAL]


def _english_wtforms_message(text):
    return any(
        _english_pattern(original).fullmatch(text) for message in _wtforms_originals() for original in _forms(message)
    )


def _all_form_classes():
    for module in pkgutil.walk_packages(livinglab.web.__path__, "livinglab.web."):
        importlib.import_module(module.name)

    def below(cls):
        for subclass in cls.__subclasses__():
            yield subclass
            yield from below(subclass)

    return [cls for cls in below(FlaskForm) if cls.__module__.startswith("livinglab.")]


def test_every_wtforms_message_has_an_indonesian_translation():
    catalogue = _catalogue("id")
    problems = []
    for message in _wtforms_originals():
        translated = catalogue.get(message)
        if (
            translated is None
            or not all(_forms(translated.string))
            or _forms(translated.string)[0] == _forms(message)[0]
        ):
            problems.append(repr(message))
    assert not problems, "WTForms messages missing from our catalogue (see web/wtforms_messages.py):\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("value", [None, "?" * 6000], ids=["empty", "invalid"])
def test_every_form_speaks_indonesian_when_it_refuses_input(app, value):
    """Each form of the app, sent empty and then with nonsense in every field, as an Indonesian
    reader: none of its messages is one of WTForms' English originals."""
    forms = _all_form_classes()
    assert len(forms) > 20, "found almost no forms: is the walk of livinglab.web still right?"
    english = []
    with app.test_request_context(method="POST"), force_locale("id"):
        for cls in forms:
            form = cls(formdata=MultiDict(), meta={"csrf": False})  # for its field names
            data = MultiDict({field.name: value for field in form} if value else {})
            form = cls(formdata=data, meta={"csrf": False})
            for field in form:
                if getattr(field, "choices", ()) is None:  # filled in by the view at run time
                    field.choices = []
            form.validate()
            for field, messages in form.errors.items():
                english.extend(f"{cls.__name__}.{field}: {m}" for m in messages if _english_wtforms_message(str(m)))
    assert not english, "English validation messages on an Indonesian page:\n" + "\n".join(english)


# Field types no schema of ours uses for input, and serialisation errors (ours, never a client's)
MARSHMALLOW_UNUSED = {
    "Not a valid {obj_type}.",
    "Not a valid {awareness} {obj_type}.",
    "{input!r} cannot be formatted as a timedelta.",
    '"{input}" cannot be formatted as a date.',
    '"{input}" cannot be formatted as a {obj_type}.',
}


def _marshmallow_originals():
    messages = {Schema._default_error_messages[key] for key in ("type", "unknown")}
    for field in vars(marshmallow.fields).values():
        if isinstance(field, type) and issubclass(field, marshmallow.fields.Field):
            messages.update(field.default_error_messages.values())
    messages.update((validate.OneOf.default_message, validate.Equal.default_message))
    messages.update((validate.Length.message_min, validate.Length.message_max, validate.Length.message_all))
    messages.add(validate.Length.message_equal)
    messages.update(
        message.format(min_op=validate.Range.message_gte, max_op=validate.Range.message_lte)
        for message in (validate.Range.message_min, validate.Range.message_max, validate.Range.message_all)
    )
    return sorted(messages - MARSHMALLOW_UNUSED)


def test_every_marshmallow_message_is_translated_in_api_errors(app):
    values = _AnyValue(choices="id, en", min=1, max=5, equal=3, other="x", input="x")
    untranslated = []
    with app.test_request_context(), force_locale("id"):
        for original in _marshmallow_originals():
            filled = original.format_map(values)
            if translate(filled) == filled:
                untranslated.append(repr(original))
    assert not untranslated, "marshmallow messages left in English (web/marshmallow_messages.py):\n" + "\n".join(
        untranslated
    )
