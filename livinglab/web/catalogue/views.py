"""The practice catalogue: frameworks, indicators and the host's replicable practices."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from livinglab.errors import Invalid
from livinglab.services import catalogue
from livinglab.web.access import requires
from livinglab.web.catalogue.forms import PracticeForm
from livinglab.web.forms_errors import show_errors

bp = Blueprint("catalogue", __name__, url_prefix="/catalogue")
HOST_FRAMEWORK = "host-practices"


def _values(form):
    return {name: form[name].data for name in catalogue.EDITABLE}


@bp.route("")
@requires("catalogue.view")
def index():
    return render_template("catalogue/index.html", frameworks=catalogue.frameworks(current_user))


@bp.route("/practices/<int:practice_id>")
@requires("catalogue.view")
def practice(practice_id):
    item = catalogue.get_practice(current_user, practice_id)
    return render_template("catalogue/practice.html", practice=item, levels=catalogue.level_definitions(item))


@bp.route("/practices/new", methods=["GET", "POST"])
@requires("catalogue.manage")
def new_practice():
    framework = catalogue.get_framework(current_user, request.args.get("framework", HOST_FRAMEWORK))
    form = PracticeForm()
    if framework.official:
        return render_template("catalogue/read_only.html", framework=framework), 403
    if form.validate_on_submit():
        try:
            item = catalogue.create_practice(current_user, framework.code, code=form.code.data, **_values(form))
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("Practice %(code)s added.", code=item.code), "success")
            return redirect(url_for("catalogue.practice", practice_id=item.id))
    return render_template("catalogue/form.html", form=form, framework=framework, practice=None), (
        422 if form.errors else 200
    )


@bp.route("/practices/<int:practice_id>/edit", methods=["GET", "POST"])
@requires("catalogue.manage")
def edit_practice(practice_id):
    item = catalogue.get_practice(current_user, practice_id)
    if item.framework.official:
        return render_template("catalogue/read_only.html", framework=item.framework), 403
    form = PracticeForm(obj=item)
    del form.code
    if form.validate_on_submit():
        try:
            catalogue.update_practice(current_user, item.id, **_values(form))
        except Invalid as error:
            show_errors(form, error)
        else:
            flash(_("Practice %(code)s saved.", code=item.code), "success")
            return redirect(url_for("catalogue.practice", practice_id=item.id))
    return render_template("catalogue/form.html", form=form, framework=item.framework, practice=item), (
        422 if form.errors else 200
    )
