"""Commitments, their milestone plans and bulk import."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from livinglab.errors import DomainError, NotFound
from livinglab.extensions import db
from livinglab.i18n import number
from livinglab.models import Milestone, SigningEvent, StudyVisit
from livinglab.services import commitment_import, commitments, several_commitments, targets
from livinglab.services.commitments import STATUS_FLOW
from livinglab.services.several_commitments import SecondCommitment
from livinglab.web.access import requires
from livinglab.web.choices import practice_choices
from livinglab.web.commitments.forms import (
    CommitmentForm,
    ImportForm,
    PlanForm,
    PracticesForm,
    RemovePracticeForm,
    StatusForm,
)
from livinglab.web.files import XLSX, attachment, download
from livinglab.web.forms_errors import show_errors
from livinglab.web.paging import PER_PAGE, pager, requested_page

bp = Blueprint("commitments", __name__, url_prefix="/commitments")


def _form(**kwargs):
    form = CommitmentForm(**kwargs)
    events = db.session.scalars(
        select(SigningEvent).where(SigningEvent.deleted_at.is_(None)).order_by(SigningEvent.date)
    )
    visits = db.session.scalars(
        select(StudyVisit)
        .where(StudyVisit.deleted_at.is_(None), StudyVisit.visitor_kind == "region")  # only a region commits
        .order_by(StudyVisit.start_date.desc())
        .limit(500)
    )
    form.set_choices(events.all(), visits.all())
    return form


def _flag_modest_target(commitment):
    """Warn, once saved, that a target below the region's latest official index asks for nothing."""
    official = targets.below_official(commitment)
    if official is not None:
        flash(
            _(
                "The target index %(target)s is below the region's official index %(index)s (%(year)s). "
                "It was saved; check that it is the intended target.",
                target=number(commitment.target_index, 2),
                index=number(official.index, 2),
                year=official.year,
            ),
            "warning",
        )


def _values(form):
    upload = form.document.data
    return {
        "signing_event_id": int(form.signing_event_id.data) if form.signing_event_id.data else None,
        "study_visit_id": int(form.study_visit_id.data) if form.study_visit_id.data else None,
        "signatory_name": form.signatory_name.data,
        "signatory_title": form.signatory_title.data or None,
        "signed_on": form.signed_on.data,
        "target_date": form.target_date.data,
        "target_index": form.target_index.data or None,
        "target_year": form.target_year.data,
        "document": (upload.read(), upload.filename) if upload and getattr(upload, "filename", "") else None,
        "notes": form.notes.data,
    }


@bp.route("")
@requires("commitments.view")
def index():
    args = request.args
    page = requested_page()
    rows, total = commitments.list_commitments(
        current_user,
        region=args.get("region") or None,
        province=args.get("province") or None,
        status=args.get("status") or None,
        event=args.get("event", type=int),
        flagged=bool(args.get("flagged")),
        page=page,
        per_page=PER_PAGE,
    )
    events = db.session.scalars(
        select(SigningEvent).where(SigningEvent.deleted_at.is_(None)).order_by(SigningEvent.date)
    )
    return render_template(
        "commitments/index.html",
        rows=rows,
        events=events.all(),
        flagged=commitments.flagged_count(current_user),
        **pager(total, page),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("commitments.manage")
def new():
    form = _form(data={"signing_event_id": request.args.get("event", ""), "region": request.args.get("region", "")})
    second = None
    if form.validate_on_submit():
        try:
            commitment = commitments.create_commitment(
                current_user,
                region=form.region.data,
                practices=form.practices.data,
                status=form.status.data,
                confirm_second=form.confirm_second.data,
                **_values(form),
            )
        except SecondCommitment as error:
            db.session.rollback()
            second = error.existing
            form.confirm_second.errors.append(_("Tick the box to record the second commitment."))
        except DomainError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(
                ngettext(
                    "Commitment recorded with %(num)s milestone.",
                    "Commitment recorded with %(num)s milestones.",
                    len(commitment.milestones),
                ),
                "success",
            )
            _flag_modest_target(commitment)
            return redirect(url_for("commitments.show", commitment_id=commitment.id))
    return render_template("commitments/form.html", form=form, commitment=None, second=second), (
        422 if form.errors else 200
    )


@bp.route("/<int:commitment_id>")
@requires("commitments.view")
def show(commitment_id):
    commitment = commitments.get_commitment(current_user, commitment_id)
    add_form = PracticesForm()
    taken = {m.practice.code for m in commitment.milestones}
    add_form.practices.choices = [c for c in practice_choices() if c.value not in taken]
    status_form = StatusForm()
    status_form.status.choices = sorted(STATUS_FLOW.get(commitment.status, ()))
    return render_template(
        "commitments/show.html",
        commitment=commitment,
        modest_target=targets.below_official(commitment),
        others=several_commitments.others(commitment),
        add_form=add_form,
        status_form=status_form,
        remove_form=RemovePracticeForm(),
    )


@bp.route("/<int:commitment_id>/edit", methods=["GET", "POST"])
@requires("commitments.manage")
def edit(commitment_id):
    commitment = commitments.get_commitment(current_user, commitment_id)
    form = _form(
        obj=commitment,
        data={
            "region": commitment.region.code,
            "signing_event_id": str(commitment.signing_event_id or ""),
            "study_visit_id": str(commitment.study_visit_id or ""),
            "signatory_title": commitment.signatory_title,
        },
    )
    del form.region, form.practices, form.status
    if form.validate_on_submit():
        try:
            commitments.update_commitment(current_user, commitment.id, **_values(form))
        except DomainError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Commitment saved."), "success")
            _flag_modest_target(commitment)
            return redirect(url_for("commitments.show", commitment_id=commitment.id))
    return render_template("commitments/form.html", form=form, commitment=commitment), 422 if form.errors else 200


@bp.route("/<int:commitment_id>/practices", methods=["POST"])
@requires("commitments.manage")
def add_practices(commitment_id):
    form = PracticesForm()
    if form.validate_on_submit():
        try:
            added = commitments.add_practices(current_user, commitment_id, form.practices.data)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            flash(ngettext("%(num)s milestone added.", "%(num)s milestones added.", len(added)), "success")
    else:
        flash(_("Choose at least one practice."), "danger")
    return redirect(url_for("commitments.show", commitment_id=commitment_id))


@bp.route("/<int:commitment_id>/practices/remove", methods=["POST"])
@requires("commitments.manage")
def remove_practice(commitment_id):
    form = RemovePracticeForm()
    if form.validate_on_submit():
        try:
            commitments.remove_practice(current_user, commitment_id, form.code.data)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            flash(_("%(code)s removed from the commitment.", code=form.code.data), "success")
    return redirect(url_for("commitments.show", commitment_id=commitment_id))


@bp.route("/<int:commitment_id>/status", methods=["POST"])
@requires("commitments.manage")
def change_status(commitment_id):
    form = StatusForm()
    if form.validate_on_submit():
        try:
            commitments.change_status(
                current_user, commitment_id, form.status.data, form.reason.data, form.confirm_second.data
            )
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            flash(_("Status changed."), "success")
    return redirect(url_for("commitments.show", commitment_id=commitment_id))


@bp.route("/milestones/<int:milestone_id>/plan", methods=["GET", "POST"])
@requires("commitments.manage")
def plan(milestone_id):
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None:
        raise NotFound(_("No such milestone."))
    form = PlanForm(obj=milestone)
    if form.validate_on_submit():
        try:
            commitments.update_milestone_plan(
                current_user, milestone.id, due_date=form.due_date.data, target_level=form.target_level.data
            )
        except DomainError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Plan saved."), "success")
            return redirect(url_for("commitments.show", commitment_id=milestone.commitment_id))
    return render_template("commitments/plan.html", form=form, milestone=milestone), 422 if form.errors else 200


@bp.route("/<int:commitment_id>/document")
@requires("commitments.view")
def document(commitment_id):
    commitment = commitments.get_commitment(current_user, commitment_id)
    if commitment.document is None:
        raise NotFound(_("No signed document was uploaded for this commitment."))
    return download(commitment.document)


@bp.route("/import", methods=["GET", "POST"])
@requires("commitments.manage")
def import_file():
    form = ImportForm()
    report, status = None, 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            report = commitment_import.import_commitments(current_user, upload.read(), upload.filename)
        except DomainError as error:
            db.session.rollback()
            form.file.errors.append(error.message)
            status = 422
        else:
            if report.saved:
                flash(
                    ngettext("%(num)s commitment imported.", "%(num)s commitments imported.", report.saved), "success"
                )
                return redirect(url_for("commitments.index"))
            status = 422
    elif form.is_submitted():
        status = 422
    return render_template("commitments/import.html", form=form, report=report), status


@bp.route("/import/template.xlsx")
@requires("commitments.manage")
def template_xlsx():
    return attachment(commitment_import.template_xlsx(), XLSX, "commitments-template.xlsx")


@bp.route("/import/template.csv")
@requires("commitments.manage")
def template_csv():
    return attachment(commitment_import.template_csv(), "text/csv", "commitments-template.csv")
