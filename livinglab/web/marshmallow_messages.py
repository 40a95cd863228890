"""The API's validation messages (marshmallow's, through webargs) in the reader's language.

marshmallow writes its messages in English and fills their `{placeholders}` before we see them,
so each English template is matched whole and its values are put into our translation.
"""

import re

from flask_babel import lazy_gettext as _l

TEMPLATES = {
    "Missing data for required field.": _l("Missing data for required field."),
    "Field may not be null.": _l("Field may not be null."),
    "Invalid value.": _l("Invalid value."),
    "Invalid type.": _l("Invalid type."),
    "Invalid input type.": _l("Invalid input type."),
    "Unknown field.": _l("Unknown field."),
    "Not a valid string.": _l("Not a valid string."),
    "Not a valid integer.": _l("Not a valid integer."),
    "Not a valid number.": _l("Not a valid number."),
    "Number too large.": _l("Number too large."),
    "Special numeric values (nan or infinity) are not permitted.": _l(
        "Special numeric values (nan or infinity) are not permitted."
    ),
    "Not a valid boolean.": _l("Not a valid boolean."),
    "Not a valid date.": _l("Not a valid date."),
    "Not a valid datetime.": _l("Not a valid datetime."),
    "Not a valid time.": _l("Not a valid time."),
    "Not a valid email address.": _l("Not a valid email address."),
    "Not a valid URL.": _l("Not a valid URL."),
    "Not a valid list.": _l("Not a valid list."),
    "Not a valid tuple.": _l("Not a valid tuple."),
    "Not a valid utf-8 string.": _l("Not a valid utf-8 string."),
    "Not a valid period of time.": _l("Not a valid period of time."),
    "Not a valid UUID.": _l("Not a valid UUID."),
    "Not a valid IP address.": _l("Not a valid IP address."),
    "Not a valid IPv4 address.": _l("Not a valid IPv4 address."),
    "Not a valid IPv6 address.": _l("Not a valid IPv6 address."),
    "Not a valid IP interface.": _l("Not a valid IP interface."),
    "Not a valid IPv4 interface.": _l("Not a valid IPv4 interface."),
    "Not a valid IPv6 interface.": _l("Not a valid IPv6 interface."),
    "Not a valid mapping type.": _l("Not a valid mapping type."),
    "Must be one of: {choices}.": _l("Must be one of: %(choices)s."),
    "Must be equal to {other}.": _l("Must be equal to %(other)s."),
    "Shorter than minimum length {min}.": _l("Shorter than minimum length %(min)s."),
    "Longer than maximum length {max}.": _l("Longer than maximum length %(max)s."),
    "Length must be between {min} and {max}.": _l("Length must be between %(min)s and %(max)s."),
    "Length must be {equal}.": _l("Length must be %(equal)s."),
    "Must be greater than or equal to {min}.": _l("Must be greater than or equal to %(min)s."),
    "Must be less than or equal to {max}.": _l("Must be less than or equal to %(max)s."),
    "Must be greater than or equal to {min} and less than or equal to {max}.": _l(
        "Must be between %(min)s and %(max)s."
    ),
}

PATTERNS = [
    (re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(english))), translated)
    for english, translated in TEMPLATES.items()
]


def translate(message):
    """One marshmallow message in the reader's language; a message we do not know stays as is."""
    for pattern, translated in PATTERNS:
        match = pattern.fullmatch(message)
        if match:
            return translated % match.groupdict()
    return message


def translate_all(messages):
    """The same nesting of dicts and lists (webargs' `messages`), every string translated."""
    if isinstance(messages, dict):
        return {key: translate_all(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [translate_all(value) for value in messages]
    return translate(messages) if isinstance(messages, str) else messages
