"""Put a service's Invalid(message, fields) back onto a WTForms form."""

from flask import flash

from livinglab.errors import DomainError, NotAllowed, NotFound
from livinglab.extensions import db


def place_errors(form, error, aliases=None, visible_only=False):
    """Put the service's field messages under the fields of a validated `form` (`aliases`: service
    name → field name; with `visible_only`, never on a hidden field). Returns the error's own message
    when no field took one (a conflict, say), else None."""
    aliases = aliases or {}
    unplaced = error.message
    for name, message in (error.fields or {}).items():
        target = aliases.get(name, name)
        if target in form and not (visible_only and form[target].type == "HiddenField"):
            form[target].errors.append(message)
            unplaced = None
    return unplaced


def show_errors(form, error, aliases=None):
    """Field messages go under their fields; a message without a matching field is flashed."""
    unplaced = place_errors(form, error, aliases)
    if unplaced:
        flash(unplaced, "danger")


def submit(form, action):
    """Run `action` (one service call) when the form was sent and is valid; its result, or None
    when the form was not sent or was refused. A rule the service refused goes back onto the form
    (rolled back, see `show_errors`); scope and permission refusals go on to the error page."""
    if not form.validate_on_submit():
        return None
    try:
        return action()
    except DomainError as error:
        db.session.rollback()
        if isinstance(error, (NotAllowed, NotFound)):
            raise
        show_errors(form, error)
        return None
