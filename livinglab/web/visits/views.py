"""Study visits (studi tiru) recorded by the host."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from livinglab.errors import Invalid
from livinglab.models.commitments import VISITOR_KINDS
from livinglab.services import visits
from livinglab.web.access import requires
from livinglab.web.files import download
from livinglab.web.forms_errors import show_errors
from livinglab.web.paging import PER_PAGE, pager, requested_page
from livinglab.web.region_filter import province_arg, region_arg
from livinglab.web.region_input import region_names, resolve
from livinglab.web.visits.forms import ConfirmDeleteForm, VisitForm

bp = Blueprint("visits", __name__, url_prefix="/visits")


def _visitor(form, region):
    kind = form.visitor_kind.data
    if kind == "agency":
        return {"kind": kind, "code": form.agency.data}
    if kind == "organisation":
        return {"kind": kind, "name": form.organisation_name.data, "type": form.organisation_type.data or None}
    return {"kind": "region", "code": region.code if region else ""}


def _validated(form):
    """(valid, region): the form's checks, and the visiting region matched from what was typed."""
    valid = form.validate_on_submit()
    region = None
    if form.is_submitted() and form.visitor_kind.data == "region" and form.region.data:
        region = resolve(form.region)
        valid = valid and region is not None
    return valid, region


def _page(form, visit):
    return render_template("visits/form.html", form=form, visit=visit, region_names=region_names()), (
        422 if form.errors else 200
    )


def _aliases(form):
    """Where the service's "visitor" message goes: under the field of the chosen kind."""
    if form.visitor_kind.data == "organisation":
        target = "organisation_type" if (form.organisation_name.data or "").strip() else "organisation_name"
    else:
        target = "agency" if form.visitor_kind.data == "agency" else "region"
    return {"file": "attachments", "visitor": target}


def _values(form, region):
    return {
        "visitor": _visitor(form, region),
        "start_date": form.start_date.data,
        "end_date": form.end_date.data,
        "head_of_delegation": form.head_of_delegation.data,
        "delegation_size": form.delegation_size.data,
        "practices": form.practices.data,
        "notes": form.notes.data,
        "attachments": [(f.read(), f.filename) for f in form.attachments.data or () if f and f.filename],
    }


@bp.route("")
@requires("visits.view")
def index():
    args = request.args
    page = requested_page()
    rows, total = visits.list_visits(
        current_user,
        kind=args.get("kind") if args.get("kind") in VISITOR_KINDS else None,
        q=args.get("q") or None,
        region=region_arg(),
        province=province_arg(),
        year=args.get("year", type=int),
        practice=args.get("practice") or None,
        page=page,
        per_page=PER_PAGE,
    )
    return render_template(
        "visits/index.html",
        visits=rows,
        years=visits.visit_years(),
        counts=visits.counts_by_kind(current_user),
        **pager(total, page),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("visits.manage")
def new():
    form = VisitForm()
    form.set_choices()
    valid, region = _validated(form)
    if valid:
        try:
            visit = visits.create_visit(current_user, **_values(form, region))
        except Invalid as error:
            show_errors(form, error, _aliases(form))
        else:
            flash(_("Study visit recorded."), "success")
            return redirect(url_for("visits.show", visit_id=visit.id))
    return _page(form, None)


@bp.route("/<int:visit_id>")
@requires("visits.view")
def show(visit_id):
    return render_template("visits/show.html", visit=visits.get_visit(current_user, visit_id))


@bp.route("/<int:visit_id>/edit", methods=["GET", "POST"])
@requires("visits.manage")
def edit(visit_id):
    visit = visits.get_visit(current_user, visit_id)
    form = VisitForm(obj=visit)
    if not form.is_submitted():  # `obj` gives these fields the related rows themselves
        form.agency.data = visit.agency.code if visit.agency else ""
        form.practices.data = [p.code for p in visit.practices]
    form.set_choices()
    valid, region = _validated(form)
    if valid:
        try:
            visits.update_visit(current_user, visit.id, **_values(form, region))
        except Invalid as error:
            show_errors(form, error, _aliases(form))
        else:
            flash(_("Study visit saved."), "success")
            return redirect(url_for("visits.show", visit_id=visit.id))
    return _page(form, visit)


@bp.route("/<int:visit_id>/delete", methods=["GET", "POST"])
@requires("visits.manage")
def delete(visit_id):
    visit = visits.get_visit(current_user, visit_id)
    form = ConfirmDeleteForm()
    if form.validate_on_submit():
        visits.delete_visit(current_user, visit.id)
        flash(_("Study visit deleted."), "success")
        return redirect(url_for("visits.index"))
    return render_template("visits/delete.html", visit=visit, form=form)


@bp.route("/<int:visit_id>/attachments/<int:upload_id>")
@requires("visits.view")
def attachment(visit_id, upload_id):
    return download(visits.get_attachment(current_user, visit_id, upload_id))
