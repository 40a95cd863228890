"""An audit event's before and after as readable lines, `field: before → after`, not JSON.

Fields that did not change are left out; a created entity lists what it got, a deleted one what
it had. Nested values are flattened (`stage.name`); a SHA-256 is marked so the page can keep it
behind a toggle. Field names and coded values (statuses, roles, channels) are shown as the words of
`livinglab.labels`.
"""

import re
from typing import NamedTuple

from flask_babel import gettext as _

from livinglab.i18n import number
from livinglab.labels import AUDIT_FIELD_LABELS, AUDIT_VALUE_LABELS

SHA256 = re.compile(r"[0-9a-f]{64}")


class Value(NamedTuple):
    text: str
    is_hash: bool = False


class Change(NamedTuple):
    field: str
    before: Value | None  # None: the field did not exist before (created)
    after: Value | None  # None: the field is gone (deleted)


def _flat(snapshot, prefix=""):
    if snapshot is None:
        return {}
    if not isinstance(snapshot, dict):
        return {prefix or _("value"): snapshot}
    flat = {}
    for key, value in snapshot.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and value:
            flat.update(_flat(value, name))
        else:
            flat[name] = value
    return flat


def _text(value):
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, list | tuple):
        return ", ".join(_text(item) for item in value)
    return str(value)


def _value(value, field):
    words = AUDIT_VALUE_LABELS.get(field.rpartition(".")[2], {})
    if isinstance(value, str) and value in words:
        return Value(str(words[value]))
    return Value(_text(value), isinstance(value, str) and bool(SHA256.fullmatch(value)))


def _field(name):
    return " · ".join(str(AUDIT_FIELD_LABELS.get(part, part)) for part in name.split("."))


def changes(before, after):
    """[Change] for every field that differs between the two snapshots (JSON values or None)."""
    old, new = _flat(before), _flat(after)
    rows = []
    for field in dict.fromkeys([*old, *new]):
        if field in old and field in new and old[field] == new[field]:
            continue
        rows.append(
            Change(
                _field(field),
                _value(old[field], field) if field in old else None,
                _value(new[field], field) if field in new else None,
            )
        )
    return rows
