"""Put a service's Invalid(message, fields) back onto a WTForms form."""

from flask import flash


def show_errors(form, error, aliases=None):
    """Field messages go under their fields; a message without a matching field is flashed."""
    aliases = aliases or {}
    placed = False
    for name, message in (error.fields or {}).items():
        target = aliases.get(name, name)
        if target in form:
            form[target].errors.append(message)
            placed = True
    if not placed:
        flash(error.message, "danger")
