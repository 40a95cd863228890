"""Put a service's Invalid(message, fields) back onto a WTForms form."""

from flask import flash

from livinglab.errors import DomainError, NotAllowed, NotFound
from livinglab.extensions import db


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
