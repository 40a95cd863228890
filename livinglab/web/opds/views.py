"""A region's OPDs: a small page from the workspace to add and remove them."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from livinglab.models.library import OPD_NAME_MAX, OPD_SHORT_NAME_MAX
from livinglab.services import opds
from livinglab.web.access import requires
from livinglab.web.base_form import Form
from livinglab.web.forms_errors import submit

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
    form = OpdForm()
    if submit(form, lambda: opds.create_opd(current_user, code, name=form.name.data, short_name=form.short_name.data)):
        flash(_("OPD added."), "success")
        return redirect(url_for("opds.index", code=region.code))
    return render_template(
        "opds/index.html", region=region, opds=rows, form=form, delete_form=Form(), common=opds.COMMON_OPDS
    ), 422 if form.is_submitted() else 200


@bp.route("/regions/<code>/opds/<int:opd_id>/delete", methods=["POST"])
@requires("opds.manage")
def delete(code, opd_id):
    if Form().validate_on_submit():
        opds.delete_opd(current_user, code, opd_id)
        flash(_("OPD removed; its milestones and contacts now have no OPD."), "success")
    return redirect(url_for("opds.index", code=code))
