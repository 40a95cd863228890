"""A region's evidence library: the list, the upload form, and one document with the milestones it supports."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from livinglab.errors import NotFound
from livinglab.services import library
from livinglab.services.library import DocumentInput
from livinglab.web.access import requires
from livinglab.web.files import download
from livinglab.web.forms_errors import submit
from livinglab.web.library.forms import DocumentForm

bp = Blueprint("library", __name__)


@bp.route("/regions/<code>/documents")
@requires("library.view")
def index(code):
    region, documents = library.region_documents(current_user, code)
    return render_template("library/index.html", region=region, documents=documents)


def _document_input(form):
    upload = form.file.data
    return DocumentInput(
        kind=form.kind.data,
        title=form.title.data,
        number=form.number.data,
        enacted_on=form.enacted_on.data,
        url=form.url.data or None,
        file=(upload.read(), upload.filename) if upload else None,
    )


@bp.route("/regions/<code>/documents/new", methods=["GET", "POST"])
@requires("library.manage")
def new(code):
    region, _documents = library.region_documents(current_user, code)
    form = DocumentForm()
    document = submit(form, lambda: library.create_document(current_user, code, _document_input(form)))
    if document is not None:
        flash(_("Document added to the library."), "success")
        return redirect(url_for("library.show", document_id=document.id))
    return render_template("library/new.html", region=region, form=form), 422 if form.is_submitted() else 200


@bp.route("/documents/<int:document_id>")
@requires("library.view")
def show(document_id):
    document = library.get_document(current_user, document_id)
    milestones = library.supported_milestones(current_user, document)
    return render_template("library/show.html", document=document, milestones=milestones)


@bp.route("/documents/<int:document_id>/file")
@requires("library.view")
def file(document_id):
    document = library.get_document(current_user, document_id)
    if document.upload is None:
        raise NotFound(_("This document is a link, not a file."))
    return download(document.upload)
