"""A region's OPDs: a small page from the workspace to add and remove them."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from livinglab.errors import DomainError, NotAllowed, NotFound
from livinglab.extensions import db
from livinglab.models.library import OPD_NAME_MAX, OPD_SHORT_NAME_MAX
from livinglab.services import opds
from livinglab.web.access import requires
from livinglab.web.base_form import Form

bp = Blueprint("opds", __name__)


class OpdForm(Form):
    short_name = StringField(
        _l("Short name"),
        validators=[DataRequired(), Length(max=OPD_SHORT_NAME_MAX)],
        render_kw={"list": "opd-suggestions"},
    )
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=OPD_NAME_MAX)])
    submit = SubmitField(_l("Add OPD"))


@bp.route("/regions/<code>/opds", methods=["GET", "POST"])
@requires("opds.manage")
def index(code):
    region, rows = opds.region_opds(current_user, code)
    form, status = OpdForm(), 200
    if form.validate_on_submit():
        try:
            opds.create_opd(current_user, code, name=form.name.data, short_name=form.short_name.data)
        except DomainError as error:
            db.session.rollback()
            if isinstance(error, (NotAllowed, NotFound)):
                raise
            for name, message in error.fields.items():
                if name in form:
                    form[name].errors.append(message)
            status = 422
        else:
            flash(_("OPD added."), "success")
            return redirect(url_for("opds.index", code=region.code))
    elif form.is_submitted():
        status = 422
    return render_template(
        "opds/index.html", region=region, opds=rows, form=form, delete_form=Form(), common=opds.COMMON_OPDS
    ), status


@bp.route("/regions/<code>/opds/<int:opd_id>/delete", methods=["POST"])
@requires("opds.manage")
def delete(code, opd_id):
    if Form().validate_on_submit():
        opds.delete_opd(current_user, code, opd_id)
        flash(_("OPD removed; its milestones and contacts now have no OPD."), "success")
    return redirect(url_for("opds.index", code=code))
