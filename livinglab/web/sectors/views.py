"""The sectors a region names for its indicators 45–47: a small page from the region's workspace."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from livinglab import policy
from livinglab.errors import DomainError
from livinglab.extensions import db
from livinglab.services import sectors
from livinglab.services.regions import get_region
from livinglab.web.access import requires
from livinglab.web.base_form import Form

bp = Blueprint("sectors", __name__)


@bp.route("/regions/<code>/sectors", methods=["GET", "POST"])
@requires("sectors.manage")
def edit(code):
    region = get_region(code)
    policy.ensure_region_access(current_user, region.id)
    indicators = sectors.sector_indicators()
    form, errors, status = Form(), {}, 200
    values = sectors.labels(current_user, region)
    if form.validate_on_submit():
        values = {p.code: request.form.get(p.code, "") for p in indicators}
        try:
            sectors.update(current_user, region, values)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
            errors, status = error.fields, 422
        else:
            flash(_("Sectors saved."), "success")
            return redirect(url_for("milestones.workspace", code=region.code))
    return render_template(
        "sectors/edit.html",
        region=region,
        indicators=indicators,
        values=values,
        errors=errors,
        form=form,
        choices=sectors.COMMON_SECTORS,
    ), status
