"""Reminder contacts per region, the outbox (queued, sent, failed) and the archive of sent reports."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from livinglab.errors import Invalid
from livinglab.services import contacts, delivery, opds, uploads
from livinglab.web.access import requires
from livinglab.web.admin.forms import ConfirmForm
from livinglab.web.files import attachment
from livinglab.web.forms_errors import show_errors
from livinglab.web.region_filter import region_arg
from livinglab.web.reminders.forms import ContactForm, opd_choices

bp = Blueprint("reminders", __name__)


def _values(form):
    return {
        "name": form.name.data,
        "email": form.email.data,
        "phone": form.phone.data,
        "channel": form.channel.data,
        "locale": form.locale.data,
        "role": form.role.data,
        "opd": form.opd_id.data or None,
    }


@bp.route("/contacts")
@requires("contacts.view")
def contacts_index():
    return render_template("reminders/contacts.html", rows=contacts.list_contacts(current_user))


@bp.route("/regions/<code>/contacts/new", methods=["GET", "POST"])
@requires("contacts.manage")
def new_contact(code):
    form = ContactForm()
    region = contacts.region_for(current_user, code)
    form.opd_id.choices = opd_choices(opds.region_opds(current_user, region.code)[1])
    if form.validate_on_submit():
        try:
            contacts.create_contact(current_user, code, **_values(form))
        except Invalid as error:
            show_errors(form, error, {"opd": "opd_id"})
        else:
            flash(_("Contact saved."), "success")
            return redirect(url_for("reminders.contacts_index"))
    return render_template("reminders/contact_form.html", form=form, region=region, contact=None), (
        422 if form.errors else 200
    )


@bp.route("/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@requires("contacts.manage")
def edit_contact(contact_id):
    contact = contacts.get_contact(current_user, contact_id)
    form = ContactForm(obj=contact)
    form.opd_id.choices = opd_choices(opds.region_opds(current_user, contact.region.code)[1])
    if form.validate_on_submit():
        try:
            contacts.update_contact(current_user, contact.id, active=form.active.data, **_values(form))
        except Invalid as error:
            show_errors(form, error, {"opd": "opd_id"})
        else:
            flash(_("Contact saved."), "success")
            return redirect(url_for("reminders.contacts_index"))
    return render_template("reminders/contact_form.html", form=form, region=contact.region, contact=contact), (
        422 if form.errors else 200
    )


@bp.route("/outbox")
@requires("outbox.view")
def outbox():
    args = request.args
    rows = delivery.outbox(
        current_user,
        region=region_arg(),
        kind=args.get("kind") or None,
        status=args.get("status") or None,
    )
    return render_template(
        "reminders/outbox.html", rows=rows, reports=delivery.archive(current_user), args=args, confirm=ConfirmForm()
    )


@bp.route("/outbox/<int:notification_id>/retry", methods=["POST"])
@requires("outbox.manage")
def retry(notification_id):
    if ConfirmForm().validate_on_submit():
        try:
            delivery.retry(current_user, notification_id)
        except Invalid as error:
            flash(error.message, "danger")
        else:
            flash(_("The message is queued again."), "success")
    return redirect(url_for("reminders.outbox", status="failed"))


@bp.route("/archive/<int:report_id>.pdf")
@requires("outbox.view")
def archived(report_id):
    report = delivery.archived_report(current_user, report_id)
    data = uploads.blob_path(report.sha256).read_bytes()
    return attachment(data, "application/pdf", f"living-lab-{report.scope}-{report.period_key}.pdf")
