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
from livinglab.web.forms_errors import place_errors, show_errors
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


def _innovation_page(innovation_id, stages_text=None, problems=(), status=200):
    """An innovation's page; a refused stage template comes back in its box (`stages_text`), its
    message under it and in the error summary (`problems`)."""
    innovation = innovations.get_innovation(current_user, innovation_id)
    adopters = [(r, replications.stage_of(r)) for r in innovation.replications]
    visible = replications.list_replications(current_user, innovation_id=innovation.id)
    page = render_template(
        "innovations/show.html",
        innovation=innovation,
        adopters=adopters,
        visible=visible,
        adopter_map=innovation_map.adopter_map(innovation, adopters),
        stages_text=(innovation.stages or "") if stages_text is None else stages_text,
        problems=problems,
    )
    return page, status


@bp.route("/innovations/<int:innovation_id>")
@requires("innovations.view")
def show(innovation_id):
    return _innovation_page(innovation_id)


@bp.route("/innovations/<int:innovation_id>/stages", methods=["POST"])
@requires("innovations.manage")
def stages(innovation_id):
    text = request.form.get("stages", "")
    try:
        innovations.update_stages(current_user, innovation_id, text.splitlines())
    except Invalid as error:
        messages = list(dict.fromkeys((error.fields or {}).values())) or [error.message]
        return _innovation_page(innovation_id, text, [(message, "#stages") for message in messages], 422)
    flash(_("Stage template saved: new replications take it."), "success")
    return redirect(url_for("innovations.show", innovation_id=innovation_id))


# Where a service's message lands on a stage's form (its field names, where they differ from the
# form's), and the page id of a control where it is not "<field>-<stage id>".
SERVICE_FIELDS = {"move": {"reason": "note"}, "decision": {"status": "decision"}}
CONTROL_IDS = {"decision": {"comment": "dcomment"}}


def _page(replication_id, sent=None, problems=(), status=200):
    """The replication page. `sent` maps (action, stage id) to a form that came back refused: it is
    drawn again, with its values and messages, in that stage; `problems` lead to them from the top."""
    sent = sent or {}
    item = replications.get_replication(current_user, replication_id)
    outcome_form = sent.get(("outcome", None)) or _outcome_form(item, formdata=None)
    page = render_template(
        "innovations/replication.html",
        replication=item,
        stage=replications.stage_of(item),
        adopter=policy.is_replication_adopter(current_user, item),
        verifier=policy.can_verify_replication(current_user, item),
        sent=sent,
        problems=problems,
        move_form=StageMoveForm(formdata=None),
        decision_form=StageDecisionForm(formdata=None),
        comment_form=StageCommentForm(formdata=None),
        evidence_form=StageEvidenceForm(formdata=None),
        outcome_form=outcome_form,
    )
    return page, status


def _outcome_form(replication, **kwargs):
    form = OutcomeForm(**kwargs)
    form.measure_id.choices = [SelectChoice(m.id, f"{m.name} ({m.unit})") for m in replication.innovation.measures]
    return form


@bp.route("/replications/<int:replication_id>")
@requires("replications.view")
def replication(replication_id):
    return _page(replication_id)


def _problems(form, action, stage):
    """The error summary's lines for a refused form: each field's messages, linked to its control;
    on a stage's form the field's name says which stage ("Note (2. Rapat koordinasi persiapan)")."""
    problems = []
    for field in form:
        for message in field.errors:
            if field.type in ("HiddenField", "CSRFTokenField"):
                problems.append((message, None))
                continue
            name, anchor = field.label.text, field.id
            if stage is not None:
                name = f"{name} ({stage.position}. {stage.name})"
                anchor = f"{CONTROL_IDS.get(action, {}).get(field.name, field.name)}-{stage.id}"
            problems.append((_("%(field)s: %(message)s", field=name, message=message), f"#{anchor}"))
    return problems


def _send(replication_id, action, stage_id, form, call, done_message):
    """Send a form of the replication page: checked, then `call` (one service call). Done: back to the
    page with `done_message`. Refused: the page again, the form with its values and the messages
    under the controls they name, listed in the error summary (409 for a conflict, 403 when the
    reader may not do this to this replication)."""
    status, unplaced = 422, None
    if form.validate():
        try:
            call()
        except (Invalid, Conflict, NotAllowed) as error:
            status = 409 if isinstance(error, Conflict) else 403 if isinstance(error, NotAllowed) else 422
            unplaced = place_errors(form, error, SERVICE_FIELDS.get(action))
        else:
            flash(done_message, "success")
            return redirect(url_for("innovations.replication", replication_id=replication_id))
    stages = replications.get_replication(current_user, replication_id).stages
    stage = next((s for s in stages if s.id == stage_id), None)
    problems = _problems(form, action, stage) + ([(unplaced, None)] if unplaced else [])
    return _page(replication_id, {(action, stage_id): form}, problems, status)


def _stage_replication(stage_id):
    return replications.stage_replication_id(current_user, stage_id)


@bp.route("/replication-stages/<int:stage_id>/move", methods=["POST"])
@requires("replications.update")
def move(stage_id):
    form = StageMoveForm()
    return _send(
        _stage_replication(stage_id),
        "move",
        stage_id,
        form,
        lambda: replications.move_stage(current_user, stage_id, status=form.status.data, note=form.note.data),
        _("Stage updated."),
    )


@bp.route("/replication-stages/<int:stage_id>/decision", methods=["POST"])
@requires("replications.verify")
def decide(stage_id):
    form = StageDecisionForm()
    return _send(
        _stage_replication(stage_id),
        "decision",
        stage_id,
        form,
        lambda: replications.decide_stage(
            current_user, stage_id, decision=form.decision.data, comment=form.comment.data
        ),
        _("Decision recorded."),
    )


@bp.route("/replication-stages/<int:stage_id>/comment", methods=["POST"])
@requires("replications.verify")
def comment(stage_id):
    form = StageCommentForm()
    return _send(
        _stage_replication(stage_id),
        "comment",
        stage_id,
        form,
        lambda: replications.comment_stage(current_user, stage_id, comment=form.comment.data),
        _("Comment added."),
    )


@bp.route("/replication-stages/<int:stage_id>/evidence", methods=["POST"])
@requires("replications.update")
def evidence(stage_id):
    form = StageEvidenceForm()
    upload = form.file.data
    file = (upload.read(), upload.filename) if upload and upload.filename else None
    return _send(
        _stage_replication(stage_id),
        "evidence",
        stage_id,
        form,
        lambda: replications.add_evidence(
            current_user, stage_id, kind=form.kind.data, title=form.title.data, url=form.url.data, file=file
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
    form = _outcome_form(replications.get_replication(current_user, replication_id))
    return _send(
        replication_id,
        "outcome",
        None,
        form,
        lambda: replications.report_outcome(
            current_user,
            replication_id,
            measure_id=request.form.get("measure_id", type=int),
            period=form.period.data,
            value=request.form.get("value"),
        ),
        _("Outcome reported."),
    )
