"""Official SPBE evaluation results: the list, and loading them from a file (check, then confirm)."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from livinglab.errors import DomainError
from livinglab.services import evaluation_files, evaluations
from livinglab.web.access import requires
from livinglab.web.evaluations.forms import ConfirmForm, ImportForm
from livinglab.web.files import XLSX, attachment
from livinglab.web.paging import PER_PAGE, pager, requested_page

bp = Blueprint("evaluations", __name__, url_prefix="/evaluations")

OUTCOME_LABELS = {
    "created": _l("New"),
    "updated": _l("Changed"),
    "unchanged": _l("Unchanged"),
    "rejected": _l("Rejected"),
}
TICKET_MAX_AGE = 3600  # a check can be confirmed within an hour


def _signer():
    return URLSafeTimedSerializer(current_app.secret_key, salt="evaluations.import")


def _ticket(reference, form):
    """What the confirmation needs, signed: the kept file and the choices it was checked with."""
    return _signer().dumps(
        {
            "file": reference,
            "user": current_user.id,
            "year": form.year.data,
            "source": form.source.data or None,
            "evaluated_on": form.evaluated_on.data.isoformat() if form.evaluated_on.data else None,
        }
    )


def _read_ticket(text):
    try:
        ticket = _signer().loads(text, max_age=TICKET_MAX_AGE)
    except BadSignature:
        return None
    return ticket if ticket.get("user") == current_user.id else None


def _defaults(ticket):
    return {key: ticket[key] for key in ("year", "source", "evaluated_on")}


@bp.route("")
@requires("evaluations.view")
def index():
    page = requested_page()
    year = request.args.get("year", type=int)
    rows, total, years = evaluations.results(current_user, year=year, page=page, per_page=PER_PAGE)
    return render_template("evaluations/index.html", rows=rows, years=years, year=year, **pager(total, page))


@bp.route("/import", methods=["GET", "POST"])
@requires("evaluations.import")
def import_file():
    form, confirm, report, status = ImportForm(), ConfirmForm(), None, 200
    if form.validate_on_submit():
        try:
            report, reference = evaluations.preview_file(
                current_user,
                form.file.data.read(),
                year=form.year.data,
                source=form.source.data or None,
                evaluated_on=form.evaluated_on.data,
            )
        except DomainError as error:
            form.file.errors = [*form.file.errors, error.message]
        else:
            confirm.ticket.data = _ticket(reference, form) if reference else ""
    if form.errors or (report and report.rejected):
        status = 422
    return _page(form, confirm, report, status)


@bp.route("/import/confirm", methods=["POST"])
@requires("evaluations.import")
def confirm():
    form, confirm = ImportForm(formdata=None), ConfirmForm()
    ticket = _read_ticket(confirm.ticket.data) if confirm.validate_on_submit() else None
    if ticket is None:
        form.file.errors = [_("The check has expired; upload the file again.")]
        return _page(form, ConfirmForm(formdata=None), None, 422)
    try:
        report = evaluations.confirm_file(current_user, ticket["file"], **_defaults(ticket))
    except DomainError as error:
        form.file.errors = [error.message]
        return _page(form, ConfirmForm(formdata=None), None, 422)
    if not report.saved:
        return _page(form, ConfirmForm(formdata=None), report, 422 if report.rejected else 200)
    counts = report.counts
    flash(_("Results saved: %(created)s new, %(updated)s changed.", **counts), "success")
    years = sorted({row.year for row in report.rows})
    return redirect(url_for("evaluations.index", year=years[0] if len(years) == 1 else None))


def _page(form, confirm, report, status):
    return render_template(
        "evaluations/import.html", form=form, confirm=confirm, report=report, outcomes=OUTCOME_LABELS
    ), status


@bp.route("/import/template.csv")
@requires("evaluations.import")
def template_csv():
    data = evaluation_files.template_csv(evaluations.indicator_codes())
    return attachment(data, "text/csv", "evaluations-template.csv")


@bp.route("/import/template.xlsx")
@requires("evaluations.import")
def template_xlsx():
    data = evaluation_files.template_xlsx(evaluations.indicator_codes())
    return attachment(data, XLSX, "evaluations-template.xlsx")
