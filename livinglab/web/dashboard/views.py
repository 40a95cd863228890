"""Each role's home page."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from livinglab import policy
from livinglab.services import commitments, monitoring, tasks
from livinglab.web.access import requires

bp = Blueprint("dashboard", __name__)


@bp.route("/")
@requires(policy.PUBLIC)
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return redirect(url_for("dashboard.home"))


@bp.route("/home")
@requires("home.view")
def home():
    waiting, waiting_total = (
        monitoring.waiting_on_host(current_user) if policy.can(current_user, "monitoring.host") else ([], 0)
    )
    return render_template(
        f"dashboard/{current_user.role}.html",
        flagged=commitments.flagged_count(current_user),
        waiting=waiting,
        waiting_total=waiting_total,
        task_list=tasks.home(current_user),
        due_soon_days=tasks.DUE_SOON_DAYS,
        recent_days=tasks.RECENT_DAYS,
    )
