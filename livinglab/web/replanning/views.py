"""Re-planning a commitment's due dates, and extension requests with the host's decisions.

The milestone page shows the request form (officer) or the pending request with its decision form
(host) through the partial templates/milestones/_extension_request.html, which asks
`extension_panel(milestone)` for what to show.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from livinglab import policy
from livinglab.domain import milestone_states as states
from livinglab.errors import Conflict, DomainError, NotAllowed, NotFound
from livinglab.extensions import db
from livinglab.services import commitments, extension_requests, milestones, replanning
from livinglab.web.access import requires
from livinglab.web.forms_errors import show_errors
from livinglab.web.replanning.forms import DecisionForm, ExtensionRequestForm, ReplanForm
from livinglab.web.safe_redirect import local_path

bp = Blueprint("replanning", __name__)


@bp.app_context_processor
def _panel():
    return {"extension_panel": extension_panel}


def extension_panel(milestone, request_form=None, decision_form=None):
    """What the milestone page shows about extensions to the current user: the pending request, the
    form to ask (region side) or to decide (host), and the due-date changes so far."""
    rows = extension_requests.milestone_requests(current_user, milestone.id)
    pending = next((r for r in rows if r.status == "pending"), None)
    closed = milestone.commitment.status in ("withdrawn", "completed") or states.is_done(milestone.status)
    may_ask = policy.can(current_user, "extensions.request") and policy.is_region_scoped(current_user)
    may_decide = policy.can(current_user, "extensions.decide")
    return {
        "requests": rows,
        "pending": pending,
        "request_form": (request_form or ExtensionRequestForm(formdata=None))
        if may_ask and not pending and not closed
        else None,
        "decision_form": (
            decision_form or DecisionForm(formdata=None, next=url_for("milestones.show", milestone_id=milestone.id))
        )
        if may_decide and pending
        else None,
        "changes": [u for u in milestones.history(current_user, milestone.id) if u.to_due_date is not None],
    }


def warn_after_target(commitment_id):
    """After a commitment was saved without the cascade: offer it when milestones are due after
    the target date."""
    count = replanning.after_target(commitments.get_commitment(current_user, commitment_id))
    if count:
        flash(
            ngettext(
                "%(num)s milestone is due after the target date. To move it to the target date, edit again and "
                "tick the box to move milestones, or re-plan the due dates.",
                "%(num)s milestones are due after the target date. To move them to the target date, edit again and "
                "tick the box to move milestones, or re-plan the due dates.",
                count,
            ),
            "warning",
        )


@bp.route("/milestones/<int:milestone_id>/extension-requests", methods=["POST"])
@requires("extensions.request")
def request_extension(milestone_id):
    form = ExtensionRequestForm()
    if form.validate_on_submit():
        try:
            extension_requests.request_extension(
                current_user, milestone_id, due_date=form.due_date.data, reason=form.reason.data
            )
        except DomainError as error:
            db.session.rollback()
            if isinstance(error, (NotAllowed, NotFound)):
                raise
            show_errors(form, error)
        else:
            flash(_("Extension requested: the host will approve or refuse it."), "success")
            return redirect(url_for("milestones.show", milestone_id=milestone_id, _anchor="extension-heading"))
    milestone = milestones.get(current_user, milestone_id)
    return render_template("milestones/extension_request.html", milestone=milestone, extension_form=form), 422


@bp.route("/extension-requests")
@requires("extensions.decide")
def pending():
    return render_template(
        "extension_requests/index.html",
        rows=extension_requests.pending_extension_requests(current_user),
        form=DecisionForm(formdata=None),
    )


@bp.route("/extension-requests/<int:extension_request_id>/decision", methods=["POST"])
@requires("extensions.decide")
def decide(extension_request_id):
    form = DecisionForm()
    status = 422
    if form.validate_on_submit():
        try:
            extension_requests.decide(
                current_user, extension_request_id, decision=form.decision.data, comment=form.comment.data
            )
        except DomainError as error:
            db.session.rollback()
            if isinstance(error, (NotAllowed, NotFound)):
                raise
            show_errors(form, error)
            status = 409 if isinstance(error, Conflict) else 422
        else:
            message = _("Extension approved.") if form.decision.data == "approve" else _("Extension refused.")
            flash(message, "success")
            return redirect(local_path(form.next.data, url_for("replanning.pending")))
    item = extension_requests.get_request(current_user, extension_request_id)
    return render_template("extension_requests/decide.html", item=item, decision_form=form), status


@bp.route("/commitments/<int:commitment_id>/replan", methods=["GET", "POST"])
@requires("commitments.manage")
def replan(commitment_id):
    commitment = commitments.get_commitment(current_user, commitment_id)
    form = ReplanForm(data={"mode": "shift"}) if request.method == "GET" else ReplanForm()
    form.milestone_ids.choices = [(m.id, m.practice.code) for m in commitment.milestones]
    if form.validate_on_submit():
        try:
            changed = replanning.replan(
                current_user,
                commitment.id,
                reason=form.reason.data,
                milestone_ids=form.milestone_ids.data,
                shift_days=form.shift_days.data if form.mode.data == "shift" else None,
                due_date=form.due_date.data if form.mode.data == "set" else None,
            )
        except DomainError as error:
            db.session.rollback()
            if isinstance(error, (NotAllowed, NotFound)):
                raise
            show_errors(form, error, aliases={"mode": "mode"})
            commitment = commitments.get_commitment(current_user, commitment_id)
        else:
            flash(
                ngettext(
                    "Due date changed on %(num)s milestone.", "Due dates changed on %(num)s milestones.", len(changed)
                ),
                "success",
            )
            return redirect(url_for("commitments.show", commitment_id=commitment.id))
    status = 422 if form.errors else 200
    return render_template("commitments/replan.html", commitment=commitment, form=form), status
