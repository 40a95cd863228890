"""Each user's small inbox of in-app notifications."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from livinglab.services import inbox
from livinglab.web.access import requires
from livinglab.web.admin.forms import ConfirmForm

bp = Blueprint("inbox", __name__, url_prefix="/inbox")


@bp.route("")
@requires("inbox.view")
def index():
    return render_template("inbox/index.html", items=inbox.items(current_user), form=ConfirmForm())


@bp.route("/read", methods=["POST"])
@requires("inbox.view")
def mark_read():
    if ConfirmForm().validate_on_submit():
        inbox.mark_all_read(current_user)
    return redirect(url_for("inbox.index"))
