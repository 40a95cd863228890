"""Milestone work: the region's workspace, one milestone with its history, updates, verification."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from livinglab import policy
from livinglab.domain import milestone_history
from livinglab.domain import milestone_states as states
from livinglab.errors import Conflict, DomainError, NotAllowed, NotFound
from livinglab.extensions import db
from livinglab.models.base import utcnow
from livinglab.services import (
    library,
    milestone_sheets,
    milestones,
    monitoring,
    opds,
    replication,
    sectors,
    several_commitments,
)
from livinglab.services.milestones import UNSET, EvidenceInput
from livinglab.services.regions import get_region
from livinglab.web.access import requires
from livinglab.web.files import PREVIEW_TYPES, XLSX, attachment, download
from livinglab.web.forms_errors import place_errors
from livinglab.web.milestones.forms import ReopenForm, SheetForm, UpdateForm, VerificationForm
from livinglab.web.paging import PER_PAGE, pager, requested_page
from livinglab.web.region_filter import region_arg

bp = Blueprint("milestones", __name__)


def _region(code):
    region = get_region(code)
    policy.ensure_region_access(current_user, region.id)
    return region


@bp.route("/my-commitment")
@requires("milestones.update")
def mine():
    if current_user.role == "region_officer":
        return redirect(url_for("milestones.workspace", code=current_user.region.code))
    return redirect(url_for("milestones.reviews"))


def _by_domain(rows):
    """[(domain name, {aspect name: milestones})] in the framework's order."""
    groups = {}
    for milestone in rows:
        domain = milestone.practice.domain
        aspect = milestone.practice.aspect
        key = (domain.position if domain else 99, domain.name if domain else milestone.practice.framework.name)
        groups.setdefault(key, {}).setdefault(aspect.name if aspect else "", []).append(milestone)
    return [(name, aspects) for (_, name), aspects in sorted(groups.items())]


@bp.route("/regions/<code>/milestones")
@requires("commitments.view")
def workspace(code):
    region = _region(code)
    region_opds, chosen_opd = opds.workspace_filter(current_user, region, request.args.get("opd"))
    rows = [m for m in milestones.region_milestones(current_user, region.id) if opds.matches(m, chosen_opd)]
    items, _catalogue = monitoring.region_figures(current_user, region)
    return render_template(
        "milestones/workspace.html",
        region=region,
        sections=[(figures, _by_domain(section)) for figures, section in several_commitments.sections(items, rows)],
        total=len(rows),
        sectors=sectors.labels(current_user, region),
        today=utcnow().date(),
        opds=region_opds,
        chosen_opd=chosen_opd,
    )


def _layout(milestone, can_verify):
    """Which page the reader gets: the region's officer works on the milestone (the host's word
    first), the host decides on a submission (the evidence first), everyone else reads."""
    if current_user.role == "region_officer":
        return "officer"
    if can_verify and milestone.status == "submitted":
        return "verifier"
    return "read"


def _page(milestone, update_form=None, verification_form=None, reopen_form=None, status=200, problems=()):
    role = current_user.role
    update_form = update_form or UpdateForm(formdata=None, version=milestone.version, opd=str(milestone.opd_id or ""))
    update_form.set_status_choices(milestone.status, states.allowed_targets(milestone.status, role))
    update_form.set_document_choices(library.linkable_documents(milestone))
    update_form.set_opd_choices(opds.region_opds(current_user, milestone.commitment.region.code)[1])
    verification_form = verification_form or VerificationForm(formdata=None, version=milestone.version)
    verification_form.set_level_choices(milestone.target_level)
    can_verify = policy.can(current_user, "milestones.verify")
    history = milestones.history(current_user, milestone.id)
    review_notes, review_evidence = milestone_history.under_review(history)
    return render_template(
        "milestones/show.html",
        milestone=milestone,
        layout=_layout(milestone, can_verify),
        history=history,
        host_comment=milestone_history.latest_host_comment(history),
        review_notes=review_notes,
        review_evidence=review_evidence,
        earlier_evidence=[item for item in reversed(milestone.evidence) if item not in review_evidence],
        preview_types=PREVIEW_TYPES,
        levels=milestones.level_definitions(milestone),
        update_form=update_form,
        can_update=policy.can(current_user, "milestones.update")
        and (states.allowed_targets(milestone.status, role) or states.can_edit_content(milestone.status, role)),
        verification_form=verification_form,
        reopen_form=reopen_form or ReopenForm(formdata=None, version=milestone.version),
        can_verify=can_verify,
        suggestions=replication.suggestions(current_user, milestone),
        sectors=sectors.labels(current_user, milestone.commitment.region),
        today=utcnow().date(),
        problems=problems,
    ), status


@bp.route("/milestones/<int:milestone_id>")
@requires("commitments.view")
def show(milestone_id):
    return _page(milestones.get(current_user, milestone_id))


def _refused(error):
    """Scope and permission errors go to the app's error page; rule errors back to the form."""
    return isinstance(error, (NotAllowed, NotFound))


UPDATE_FIELDS = {
    "reason": "note",
    "comment": "note",
    "file": "evidence_file",
    "url": "evidence_url",
    "document_id": "library_documents",
}
DECISION_FIELDS = {"level": "verified_level"}


def _show_error(form, error, names):
    """A rule's message goes under the fields it names (the error summary at the top lists them);
    one that no visible field carries, such as a conflict, is returned as a line of the summary."""
    unplaced = place_errors(form, error, names, visible_only=True)
    return ((unplaced, None),) if unplaced else ()


def _evidence(form):
    linked = [EvidenceInput(kind="", title="", document_id=n) for n in form.library_documents.data or ()]
    if not (form.evidence_file.data or form.evidence_url.data or form.evidence_title.data):
        return linked or None
    upload = form.evidence_file.data
    return [
        *linked,
        EvidenceInput(
            kind=form.evidence_kind.data or ("url" if form.evidence_url.data else "other"),
            title=form.evidence_title.data or (upload.filename if upload else form.evidence_url.data) or "",
            document_number=form.evidence_number.data,
            enacted_on=form.evidence_date.data,
            url=form.evidence_url.data or None,
            file=(upload.read(), upload.filename) if upload else None,
        ),
    ]


@bp.route("/milestones/<int:milestone_id>/update", methods=["POST"])
@requires("milestones.update")
def update(milestone_id):
    form = UpdateForm()
    if form.validate_on_submit():
        try:
            milestones.update(
                current_user,
                milestone_id,
                version=form.version.data,
                status=form.status.data or None,
                level=int(form.level.data) if form.level.data else UNSET,
                note=form.note.data,
                evidence=_evidence(form),
                opd=form.opd.data if "opd" in request.form else UNSET,
            )
        except DomainError as error:
            db.session.rollback()
            if _refused(error):
                raise
            return _page(
                milestones.get(current_user, milestone_id),
                update_form=form,
                status=409 if isinstance(error, Conflict) else 422,
                problems=_show_error(form, error, UPDATE_FIELDS),
            )
        flash(_("Milestone saved."), "success")
        return redirect(url_for("milestones.show", milestone_id=milestone_id))
    return _page(milestones.get(current_user, milestone_id), update_form=form, status=422)


@bp.route("/milestones/<int:milestone_id>/verification", methods=["POST"])
@requires("milestones.verify")
def verification(milestone_id):
    form = VerificationForm()
    if form.validate_on_submit():
        try:
            milestone = milestones.verify(
                current_user,
                milestone_id,
                decision=form.decision.data,
                level=form.verified_level.data,
                comment=form.comment.data,
                version=form.version.data,
            )
        except DomainError as error:
            db.session.rollback()
            return _page(
                milestones.get(current_user, milestone_id),
                verification_form=form,
                status=409 if isinstance(error, Conflict) else 422,
                problems=_show_error(form, error, DECISION_FIELDS),  # the evidence age rule: under the level
            )
        if states.is_below_target(milestone.status, milestone.verified_level, milestone.target_level):
            message = _(
                "Verified below target (level %(level)s of %(target)s): the milestone stays open.",
                level=milestone.verified_level,
                target=milestone.target_level,
            )
            flash(message, "warning")
        else:
            flash(_("Decision recorded."), "success")
        suggested = replication.suggestions(current_user, milestone) if form.decision.data == "verify" else []
        if suggested:
            flash(_suggestion_message(suggested), "info")
            return redirect(url_for("milestones.show", milestone_id=milestone_id, _anchor="suggestions"))
        return redirect(url_for("milestones.reviews"))
    return _page(milestones.get(current_user, milestone_id), verification_form=form, status=422)


def _suggestion_message(suggested):
    """The saved message after verifying a host practice: what to consider, and that nothing was set."""
    committed = ", ".join(s.indicator.code for s in suggested if s.milestone)
    others = ", ".join(s.indicator.code for s in suggested if not s.milestone)
    level = suggested[0].level
    if committed:
        text = _(
            "This practice supports %(codes)s, which the region committed to: consider level %(level)s there "
            "(links below). No indicator level was changed.",
            codes=committed,
            level=level,
        )
    else:
        text = _("This practice supports indicators the region has not committed to. No indicator level was changed.")
    if others:
        text += " " + _("Not committed: %(codes)s.", codes=others)
    return text


@bp.route("/milestones/<int:milestone_id>/reopen", methods=["POST"])
@requires("milestones.verify")
def reopen(milestone_id):
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            milestones.reopen(current_user, milestone_id, reason=form.reason.data, version=form.version.data)
        except DomainError as error:
            db.session.rollback()
            if _refused(error):
                raise
            return _page(
                milestones.get(current_user, milestone_id),
                reopen_form=form,
                status=409 if isinstance(error, Conflict) else 422,
                problems=_show_error(form, error, {}),
            )
        flash(_("Milestone reopened."), "success")
        return redirect(url_for("milestones.show", milestone_id=milestone_id))
    return _page(milestones.get(current_user, milestone_id), reopen_form=form, status=422)


@bp.route("/regions/<code>/milestones.xlsx")
@requires("commitments.view")
def export_sheet(code):
    region = _region(code)
    data = milestone_sheets.export(current_user, region)
    return attachment(data, XLSX, f"milestones-{region.code}.xlsx")


@bp.route("/regions/<code>/milestones/import", methods=["GET", "POST"])
@requires("milestones.update")
def import_sheet(code):
    region = _region(code)
    form = SheetForm()
    report = None
    status = 200
    if form.validate_on_submit():
        try:
            report = milestone_sheets.import_sheet(current_user, region, form.file.data.read())
        except DomainError as error:
            form.file.errors.append(error.message)
            status = 422
        else:
            if report.saved:
                flash(ngettext("%(num)s milestone updated.", "%(num)s milestones updated.", report.saved), "success")
                return redirect(url_for("milestones.workspace", code=region.code))
            status = 422
    elif form.is_submitted():
        status = 422
    return render_template("milestones/import.html", region=region, form=form, report=report), status


@bp.route("/evidence/<int:evidence_id>/file")
@requires("commitments.view")
def evidence_file(evidence_id):
    evidence = milestones.get_evidence(current_user, evidence_id)
    if evidence.upload is None:
        raise NotFound(_("This evidence is a link, not a file."))
    return download(evidence.upload, preview=request.args.get("preview") == "1")


@bp.route("/reviews")
@requires("milestones.verify")
def reviews():
    args = request.args
    page = requested_page()
    queue, total = milestones.review_queue(
        current_user,
        region_code=region_arg(),
        domain_code=args.get("domain") or None,
        page=page,
        per_page=PER_PAGE,
    )
    return render_template(
        "milestones/reviews.html",
        queue=queue,
        **pager(total, page),
        region=args.get("region", ""),
        domain=args.get("domain", ""),
    )
