"""Innovations: the registry, an innovation's adopters and outcomes, a replication's stages."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice

from livinglab import policy
from livinglab.errors import Conflict, Invalid, NotAllowed
from livinglab.models.innovations import INNOVATION_TYPES
from livinglab.reporting import innovation_map
from livinglab.services import innovations, replications
from livinglab.web.access import requires
from livinglab.web.choices import agency_choices, region_choices
from livinglab.web.files import download
from livinglab.web.forms_errors import show_errors
from livinglab.web.innovations.forms import (
    InnovationForm,
    OutcomeForm,
    ReplicationForm,
    StageCommentForm,
    StageDecisionForm,
    StageEvidenceForm,
    StageMoveForm,
)
from livinglab.web.paging import PER_PAGE, pager, requested_page

bp = Blueprint("innovations", __name__)

TYPE_LABELS = {
    "governance": _l("Regional governance"),
    "public_service": _l("Public service"),
    "other": _l("Other matters within the region's authority"),
}


@bp.app_template_global()
def innovation_type_label(code):
    """The PP 38/2017 type of an innovation, in the reader's language."""
    return TYPE_LABELS.get(code, code)


@bp.app_template_global()
def region_replications(region):
    """The replications a region adopts, with their current stage (for the region page)."""
    return [(r, replications.stage_of(r)) for r in replications.list_replications(current_user, region=region.code)]


@bp.app_template_global()
def region_innovations(region):
    """The innovations a region originated, with how many regions adopt each and how many completed."""
    return [
        (i, len(i.replications), sum(replications.stage_of(r)[0] is None for r in i.replications))
        for i in innovations.originated_by(current_user, region.id)
    ]


@bp.app_template_global()
def stage_template(innovation):
    """The stages new replications of the innovation get."""
    return innovations.stage_template(innovation)


@bp.app_template_global()
def replication_stage_counts():
    """Aggregate only: replications per current stage (for /national and /public)."""
    return replications.stage_counts()


@bp.route("/innovations")
@requires("innovations.view")
def index():
    page = requested_page()
    filters = {key: request.args.get(key, "").strip() or None for key in ("q", "originator", "type")}
    if filters["type"] not in INNOVATION_TYPES:
        filters["type"] = None
    rows, total = innovations.list_innovations(current_user, page=page, per_page=PER_PAGE, **filters)
    return render_template(
        "innovations/index.html",
        rows=rows,
        filters=filters,
        **pager(total, page),
        originators=innovations.originators(),
        types=INNOVATION_TYPES,
    )


def _innovation_values(form):
    kind = form.originator_kind.data
    code = form.originator_agency.data if kind == "agency" else form.originator_region.data
    return {
        "code": form.code.data,
        "name": form.name.data,
        "originator": {"kind": kind, "code": code},
        "type": form.type.data,
        "description": form.description.data,
        "first_year": form.first_year.data,
        "links": (form.links.data or "").splitlines(),
        "measures": [row for row in form.measures.data if (row["name"] or "").strip() or (row["unit"] or "").strip()],
    }


@bp.route("/innovations/new", methods=["GET", "POST"])
@requires("innovations.manage")
def new():
    form = InnovationForm()
    form.originator_region.choices = region_choices()
    form.originator_agency.choices = agency_choices()
    form.type.choices = [SelectChoice("", "—")] + [SelectChoice(key, TYPE_LABELS[key]) for key in INNOVATION_TYPES]
    if form.validate_on_submit():
        try:
            innovation = innovations.create_innovation(current_user, **_innovation_values(form))
        except Invalid as error:
            target = "originator_agency" if form.originator_kind.data == "agency" else "originator_region"
            show_errors(form, error, {"originator": target})
        else:
            flash(_("Innovation added to the registry."), "success")
            return redirect(url_for("innovations.show", innovation_id=innovation.id))
    return render_template("innovations/new.html", form=form), 422 if form.errors else 200


@bp.route("/innovations/<int:innovation_id>/replications/new", methods=["GET", "POST"])
@requires("replications.manage")
def new_replication(innovation_id):
    innovation = innovations.get_innovation(current_user, innovation_id)
    form = ReplicationForm()
    form.region.choices = region_choices()
    form.sponsor.choices = agency_choices(blank=_("None"))
    if form.validate_on_submit():
        sponsor = form.sponsor.data
        parties = (
            [{"role": "sponsor", "kind": "agency", "code": sponsor, "unit": form.sponsor_unit.data}] if sponsor else []
        )
        try:
            item = replications.create_replication(
                current_user,
                innovation_id=innovation.id,
                region=form.region.data,
                parties=parties,
                signed_on=form.signed_on.data,
                place=form.place.data,
            )
        except Invalid as error:
            show_errors(form, error, {"parties": "sponsor"})
        else:
            flash(_("Replication recorded with its stages."), "success")
            return redirect(url_for("innovations.replication", replication_id=item.id))
    return render_template("innovations/new_replication.html", form=form, innovation=innovation), (
        422 if form.errors else 200
    )


@bp.route("/innovations/<int:innovation_id>")
@requires("innovations.view")
def show(innovation_id):
    innovation = innovations.get_innovation(current_user, innovation_id)
    adopters = [(r, replications.stage_of(r)) for r in innovation.replications]
    visible = replications.list_replications(current_user, innovation_id=innovation.id)
    return render_template(
        "innovations/show.html",
        innovation=innovation,
        adopters=adopters,
        visible=visible,
        adopter_map=innovation_map.adopter_map(innovation, adopters),
    )


@bp.route("/innovations/<int:innovation_id>/stages", methods=["POST"])
@requires("innovations.manage")
def stages(innovation_id):
    names = request.form.get("stages", "").splitlines()
    try:
        innovations.update_stages(current_user, innovation_id, names)
    except Invalid as error:
        flash(" ".join(error.fields.values()) or error.message, "danger")
    else:
        flash(_("Stage template saved: new replications take it."), "success")
    return redirect(url_for("innovations.show", innovation_id=innovation_id))


@bp.route("/replications/<int:replication_id>")
@requires("replications.view")
def replication(replication_id):
    item = replications.get_replication(current_user, replication_id)
    outcome_form = OutcomeForm()
    outcome_form.measure_id.choices = [SelectChoice(m.id, f"{m.name} ({m.unit})") for m in item.innovation.measures]
    return render_template(
        "innovations/replication.html",
        replication=item,
        stage=replications.stage_of(item),
        adopter=policy.is_replication_adopter(current_user, item),
        verifier=policy.can_verify_replication(current_user, item),
        move_form=StageMoveForm(),
        decision_form=StageDecisionForm(),
        comment_form=StageCommentForm(),
        evidence_form=StageEvidenceForm(),
        outcome_form=outcome_form,
    )


def _back(replication_id, action, done_message):
    """Run `action`; flash its refusal or `done_message`; back to the replication page."""
    try:
        action()
    except (Invalid, Conflict, NotAllowed) as error:
        messages = [error.message, *error.fields.values()] if error.fields else [error.message]
        flash(" ".join(dict.fromkeys(messages)), "danger")
    else:
        flash(done_message, "success")
    return redirect(url_for("innovations.replication", replication_id=replication_id))


def _stage_replication(stage_id):
    return replications.stage_replication_id(current_user, stage_id)


@bp.route("/replication-stages/<int:stage_id>/move", methods=["POST"])
@requires("replications.update")
def move(stage_id):
    form = StageMoveForm()
    return _back(
        _stage_replication(stage_id),
        lambda: replications.move_stage(current_user, stage_id, status=form.status.data, note=form.note.data),
        _("Stage updated."),
    )


@bp.route("/replication-stages/<int:stage_id>/decision", methods=["POST"])
@requires("replications.verify")
def decide(stage_id):
    form = StageDecisionForm()
    return _back(
        _stage_replication(stage_id),
        lambda: replications.decide_stage(
            current_user, stage_id, decision=form.decision.data, comment=form.comment.data
        ),
        _("Decision recorded."),
    )


@bp.route("/replication-stages/<int:stage_id>/comment", methods=["POST"])
@requires("replications.verify")
def comment(stage_id):
    form = StageCommentForm()
    return _back(
        _stage_replication(stage_id),
        lambda: replications.comment_stage(current_user, stage_id, comment=form.comment.data),
        _("Comment added."),
    )


@bp.route("/replication-stages/<int:stage_id>/evidence", methods=["POST"])
@requires("replications.update")
def evidence(stage_id):
    form = StageEvidenceForm()
    upload = form.file.data
    file = (upload.read(), upload.filename) if upload and upload.filename else None
    return _back(
        _stage_replication(stage_id),
        lambda: (
            replications.add_evidence(
                current_user, stage_id, kind=form.kind.data, title=form.title.data, url=form.url.data, file=file
            ).stage
        ),
        _("Evidence added."),
    )


@bp.route("/replication-evidence/<int:stage_evidence_id>/file")
@requires("replications.view")
def evidence_file(stage_evidence_id):
    return download(replications.get_evidence(current_user, stage_evidence_id).upload)


@bp.route("/replications/<int:replication_id>/outcomes", methods=["POST"])
@requires("replications.update")
def outcome(replication_id):
    form = OutcomeForm()
    return _back(
        replication_id,
        lambda: replications.report_outcome(
            current_user,
            replication_id,
            measure_id=request.form.get("measure_id", type=int),
            period=form.period.data,
            value=request.form.get("value"),
        ),
        _("Outcome reported."),
    )
