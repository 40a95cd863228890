"""Signing events and their signatories."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from livinglab.errors import Invalid
from livinglab.i18n import current_locale
from livinglab.services import events, reports
from livinglab.web.access import requires
from livinglab.web.events.forms import EventForm
from livinglab.web.files import attachment
from livinglab.web.forms_errors import show_errors

bp = Blueprint("events", __name__, url_prefix="/events")


def _values(form):
    return {
        "name": form.name.data,
        "place": form.place.data,
        "date": form.date.data,
        "description": form.description.data,
        "target_index": form.target_index.data or None,
        "target_year": form.target_year.data,
    }


@bp.route("")
@requires("events.view")
def index():
    return render_template("events/index.html", rows=events.list_events(current_user))


@bp.route("/new", methods=["GET", "POST"])
@requires("events.manage")
def new():
    form = EventForm()
    if form.validate_on_submit():
        try:
            event = events.create_event(current_user, **_values(form))
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("Signing event recorded."), "success")
            return redirect(url_for("events.show", event_id=event.id))
    return render_template("events/form.html", form=form, event=None), 422 if form.errors else 200


@bp.route("/<int:event_id>")
@requires("events.view")
def show(event_id):
    event = events.get_event(current_user, event_id)
    return render_template("events/show.html", event=event, commitments=events.signatories(current_user, event))


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@requires("events.manage")
def edit(event_id):
    event = events.get_event(current_user, event_id)
    form = EventForm(obj=event)
    if form.validate_on_submit():
        try:
            events.update_event(current_user, event.id, **_values(form))
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("Signing event saved."), "success")
            return redirect(url_for("events.show", event_id=event.id))
    return render_template("events/form.html", form=form, event=event), 422 if form.errors else 200


@bp.route("/<int:event_id>/report.pdf")
@requires("events.view")
def report(event_id):
    data = reports.event_report(current_user, event_id, locale=current_locale())
    return attachment(data, "application/pdf", f"signing-event-{event_id}.pdf")
