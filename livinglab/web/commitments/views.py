"""Commitments, their milestone plans and bulk import."""

import base64
import binascii

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from livinglab.errors import DomainError, NotFound
from livinglab.extensions import db
from livinglab.i18n import number
from livinglab.labels import COMMITMENT_STATUS_LABELS
from livinglab.models import Agency, Milestone, SigningEvent, StudyVisit
from livinglab.services import commitment_import, commitments, practice_packages, several_commitments, targets
from livinglab.services.commitments import STATUS_FLOW
from livinglab.services.lookups import region_by_code_or_name
from livinglab.services.several_commitments import SecondCommitment
from livinglab.web.access import requires
from livinglab.web.choices import practice_choices
from livinglab.web.commitments.forms import (
    CommitmentForm,
    ConfirmImportForm,
    DeletePackageForm,
    ImportForm,
    PackageForm,
    PlanForm,
    PracticesForm,
    RemovePracticeForm,
    StatusForm,
)
from livinglab.web.files import XLSX, attachment, download
from livinglab.web.forms_errors import show_errors, submit
from livinglab.web.paging import PER_PAGE, pager, requested_page
from livinglab.web.region_filter import province_arg, region_arg
from livinglab.web.region_input import region_names, resolve
from livinglab.web.replanning.views import warn_after_target

bp = Blueprint("commitments", __name__, url_prefix="/commitments")


def _form(new=False, **kwargs):
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
    packages = practice_packages.list_packages() if new else ()
    agencies = db.session.scalars(select(Agency).order_by(Agency.name)).all() if new else ()
    form.set_choices(events.all(), visits.all(), packages, agencies)
    if not new:  # region, practices and parties are set when the commitment is recorded
        del form.region, form.practices, form.status, form.packages, form.without_host, form.second_party
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
        region=region_arg(),
        province=province_arg(),
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
    form = _form(
        new=True, data={"signing_event_id": request.args.get("event", ""), "region": request.args.get("region", "")}
    )
    second = None
    del form.cascade
    valid = form.validate_on_submit()
    region = None
    if form.region.data:  # on a link's ?region= too: only that region's visits are offered
        region = resolve(form.region) if form.is_submitted() else region_by_code_or_name(form.region.data)
    if region is not None:
        form.narrow_visits(region)
    if valid and region is not None:
        try:
            commitment = commitments.create_commitment(
                current_user,
                region=region.code,
                practices=form.practices.data + form.packages.data,
                status=form.status.data,
                confirm_second=form.confirm_second.data,
                host_is_party=not form.without_host.data,
                second_party=form.second_party.data or None,
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
    host = current_app.config["HOST_REGION_CODE"]  # no adopter: not offered (the service refuses it too)
    return render_template(
        "commitments/form.html",
        form=form,
        packages=form.package_list,
        commitment=None,
        second=second,
        region_names=region_names(exclude=(host,)),
    ), (422 if form.errors else 200)


def _page(commitment_id, add_form=None, status_form=None, status=200):
    """A commitment's page; a form sent back refused (`add_form`, `status_form`) is drawn again with
    its values and messages, which the error summary at the top lists."""
    commitment = commitments.get_commitment(current_user, commitment_id)
    add_form = add_form or PracticesForm(formdata=None)
    taken = {m.practice.code for m in commitment.milestones}
    add_form.practices.choices = [c for c in practice_choices() if c.value not in taken]
    status_form = status_form or StatusForm(formdata=None)
    status_form.status.choices = [
        SelectChoice(value, COMMITMENT_STATUS_LABELS[value]) for value in sorted(STATUS_FLOW.get(commitment.status, ()))
    ]
    page = render_template(
        "commitments/show.html",
        commitment=commitment,
        modest_target=targets.below_official(commitment),
        others=several_commitments.others(commitment),
        add_form=add_form,
        status_form=status_form,
        remove_form=RemovePracticeForm(),
    )
    return page, status


@bp.route("/<int:commitment_id>")
@requires("commitments.view")
def show(commitment_id):
    return _page(commitment_id)


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
    form.narrow_visits(commitment.region)
    if form.validate_on_submit():
        try:
            commitments.update_commitment(current_user, commitment.id, cascade=form.cascade.data, **_values(form))
        except DomainError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Commitment saved."), "success")
            _flag_modest_target(commitment)
            warn_after_target(commitment.id)
            return redirect(url_for("commitments.show", commitment_id=commitment.id))
    return render_template("commitments/form.html", form=form, commitment=commitment), 422 if form.errors else 200


@bp.route("/<int:commitment_id>/practices", methods=["POST"])
@requires("commitments.manage")
def add_practices(commitment_id):
    form = PracticesForm()
    added = submit(form, lambda: commitments.add_practices(current_user, commitment_id, form.practices.data))
    if added is None:
        return _page(commitment_id, add_form=form, status=422)
    flash(ngettext("%(num)s milestone added.", "%(num)s milestones added.", len(added)), "success")
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
    changed = submit(
        form,
        lambda: commitments.change_status(
            current_user, commitment_id, form.status.data, form.reason.data, form.confirm_second.data
        ),
    )
    if changed is None:
        return _page(commitment_id, status_form=form, status=422)
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


def _import_page(form, report, confirm, status):
    return render_template("commitments/import.html", form=form, report=report, confirm=confirm), status


@bp.route("/import", methods=["GET", "POST"])
@requires("commitments.manage")
def import_file():
    """Step one: check the file and show each row's match; nothing is saved."""
    form, confirm = ImportForm(), ConfirmImportForm()
    if not form.validate_on_submit():
        return _import_page(form, None, confirm, 422 if form.is_submitted() else 200)
    upload = form.file.data
    data = upload.read()
    try:
        report = commitment_import.import_commitments(current_user, data, upload.filename, dry_run=True)
    except DomainError as error:
        db.session.rollback()
        form.file.errors.append(error.message)
        return _import_page(form, None, confirm, 422)
    confirm.payload.data, confirm.filename.data = base64.b64encode(data).decode(), upload.filename
    return _import_page(form, report, confirm, 200 if not report.rejected and report.rows else 422)


@bp.route("/import/confirm", methods=["POST"])
@requires("commitments.manage")
def confirm_import():
    """Step two: the same file with the picks for ambiguous names, checked again and saved if all rows are ok."""
    form, confirm = ImportForm(), ConfirmImportForm()
    try:
        data = base64.b64decode(confirm.payload.data or "", validate=True) if confirm.validate_on_submit() else b""
    except binascii.Error:
        data = b""
    if not data:
        flash(_("Upload the file again: the checked file did not come back."), "danger")
        return redirect(url_for("commitments.import_file"))
    picks = {k[5:]: v for k, v in request.form.items() if k.startswith("pick-") and k[5:].isdigit()}
    try:
        report = commitment_import.import_commitments(current_user, data, confirm.filename.data, picks=picks)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for("commitments.import_file"))
    if report.created:
        flash(ngettext("%(num)s commitment imported.", "%(num)s commitments imported.", report.created), "success")
        return redirect(url_for("commitments.index"))
    return _import_page(form, report, confirm, 422)


@bp.route("/import/template.xlsx")
@requires("commitments.manage")
def template_xlsx():
    return attachment(commitment_import.template_xlsx(), XLSX, "commitments-template.xlsx")


@bp.route("/import/template.csv")
@requires("commitments.manage")
def template_csv():
    return attachment(commitment_import.template_csv(), "text/csv", "commitments-template.csv")


def _packages_page(form, status=200):
    form.practices.choices = practice_choices()
    return render_template(
        "commitments/packages.html",
        packages=practice_packages.list_packages(),
        form=form,
        delete_form=DeletePackageForm(),
    ), status


@bp.route("/packages")
@requires("commitments.view")
def packages():
    """The practice packages a form or an import may name; the host admin adds its own here."""
    return _packages_page(PackageForm())


@bp.route("/packages/new", methods=["POST"])
@requires("catalogue.manage")
def create_package():
    form = PackageForm()
    if form.validate_on_submit():
        try:
            package = practice_packages.create_package(
                current_user, name=form.name.data, practices=form.practices.data, description=form.description.data
            )
        except DomainError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            flash(_("Package %(name)s added.", name=package.name), "success")
            return redirect(url_for("commitments.packages"))
    return _packages_page(form, 422)


@bp.route("/packages/<int:package_id>/delete", methods=["POST"])
@requires("catalogue.manage")
def delete_package(package_id):
    if DeletePackageForm().validate_on_submit():
        practice_packages.delete_package(current_user, package_id)
        flash(_("Package deleted."), "success")
    return redirect(url_for("commitments.packages"))
