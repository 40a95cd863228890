"""Host administrators manage user accounts."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from livinglab.errors import DomainError
from livinglab.extensions import db
from livinglab.models import Agency
from livinglab.services import accounts, password_reset
from livinglab.web.access import requires
from livinglab.web.admin.forms import ROLE_LABELS, ConfirmForm, ResetLinkForm, UserForm
from livinglab.web.after_response import deliver_after_response
from livinglab.web.forms_errors import show_errors

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _user_form(**kwargs):
    form = UserForm(**kwargs)
    form.set_choices(db.session.scalars(select(Agency).order_by(Agency.name)).all())
    return form


@bp.route("/users")
@requires("users.manage")
def users():
    role = request.args.get("role") or None
    query = request.args.get("q") or None
    rows = accounts.list_users(current_user, role=role if role in ROLE_LABELS else None, query=query)
    return render_template(
        "admin/users.html", users=rows, roles=ROLE_LABELS, role=role, q=query or "", confirm=ConfirmForm()
    )


@bp.route("/users/new", methods=["GET", "POST"])
@requires("users.manage")
def new_user():
    form = _user_form()
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors.append(_("An initial password is required."))
        else:
            try:
                user = accounts.create_user(
                    current_user,
                    email=form.email.data,
                    name=form.name.data,
                    role=form.role.data,
                    password=form.password.data,
                    region=form.region.data,
                    agency=form.agency.data,
                    locale=form.locale.data,
                    reminder_contact=form.reminder_contact.data,
                )
            except DomainError as error:
                show_errors(form, error)
            else:
                flash(_("Account %(email)s created.", email=user.email), "success")
                return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None), 422 if form.errors else 200


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@requires("users.manage")
def edit_user(user_id):
    user = accounts.get_user(user_id)
    form = _user_form(
        obj=user,
        data={
            "region": user.region.code if user.region else "",
            "agency": user.agency.code if user.agency else "",
        },
    )
    del form.password
    del form.email
    if form.validate_on_submit():
        try:
            accounts.update_user(
                current_user,
                user.id,
                name=form.name.data,
                role=form.role.data,
                region=form.region.data,
                agency=form.agency.data,
                locale=form.locale.data,
                active=form.active.data,
            )
        except DomainError as error:
            show_errors(form, error)
        else:
            flash(_("Account %(email)s saved.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user), 422 if form.errors else 200


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@requires("users.manage")
def toggle_active(user_id):
    form = ConfirmForm()
    if form.validate_on_submit():
        user = accounts.get_user(user_id)
        try:
            accounts.set_active(current_user, user.id, not user.active)
        except DomainError as error:
            flash(error.message, "danger")
        else:
            if user.active:
                flash(_("Account %(email)s activated.", email=user.email), "success")
            else:
                flash(_("Account %(email)s deactivated.", email=user.email), "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
@requires("users.manage")
def send_reset(user_id):
    form = ResetLinkForm()
    if form.validate_on_submit():
        user = accounts.get_user(user_id)
        deliver_after_response(
            password_reset.request_password_reset(current_user, user.id, revoke_tokens=form.revoke_tokens.data)
        )
        if form.revoke_tokens.data:
            message = _("A reset link is on its way to %(email)s; their API tokens are revoked.", email=user.email)
            flash(message, "success")
        else:
            flash(_("A reset link is on its way to %(email)s.", email=user.email), "success")
    return redirect(url_for("admin.users"))
