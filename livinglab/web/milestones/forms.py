"""Milestone forms: progress update with evidence, verification, reopening (shape checks only)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from livinglab.domain.milestone_states import meets_target
from livinglab.labels import EVIDENCE_KIND_LABELS, STATUS_LABELS
from livinglab.web.base_form import Form

LEVEL_CHOICES = [SelectChoice("", "—")] + [SelectChoice(str(n), str(n)) for n in range(1, 6)]


def _optional_int(value):
    return None if value in ("", None) else int(value)


class UpdateForm(Form):
    version = HiddenField(validators=[DataRequired()])
    status = SelectField(_l("New status"), validate_choice=False)
    level = SelectField(_l("Self-assessed level"), choices=LEVEL_CHOICES, validate_choice=False)
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)])
    evidence_kind = SelectField(
        _l("Evidence type"),
        choices=[SelectChoice("", "—")] + [SelectChoice(k, v) for k, v in EVIDENCE_KIND_LABELS.items()],
        validate_choice=False,
    )
    evidence_title = StringField(_l("Evidence title"), validators=[Optional(), Length(max=300)])
    evidence_number = StringField(_l("Document number"), validators=[Optional(), Length(max=120)])
    evidence_date = DateField(_l("Date enacted"), validators=[Optional()])
    evidence_url = StringField(_l("Evidence URL"), validators=[Optional(), URL(), Length(max=2000)])
    evidence_file = FileField(_l("Evidence file (PDF, image, DOCX, XLSX, ODT)"))
    library_documents = SelectMultipleField(
        _l("Documents of the region's library"),
        coerce=int,
        validate_choice=False,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    opd = SelectField(_l("Responsible OPD"), validate_choice=False)
    submit = SubmitField(_l("Save"))

    @property
    def chosen_file_name(self):
        """The name of the file sent with a form that came back with errors: a browser cannot
        re-fill a file input, so the page names it and asks for it again."""
        upload = self.evidence_file.data
        return getattr(upload, "filename", None) or None

    def set_status_choices(self, current, targets):
        self.status.choices = [SelectChoice("", _l("Keep: %(status)s", status=STATUS_LABELS[current]))] + [
            SelectChoice(target, STATUS_LABELS[target]) for target in targets
        ]

    def set_opd_choices(self, opds):
        """The region's OPDs; "—" names none."""
        self.opd.choices = [SelectChoice("", "—")] + [
            SelectChoice(str(o.id), f"{o.short_name} · {o.name}") for o in opds
        ]

    def set_document_choices(self, documents):
        """The region's library, for linking documents as evidence with this update."""
        self.library_documents.choices = [
            SelectChoice(d.id, f"{d.title} · {d.number}" if d.number else d.title) for d in documents
        ]


class VerificationForm(Form):
    version = HiddenField(validators=[DataRequired()])
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice("verify", _l("Verify")), SelectChoice("return", _l("Return for rework"))],
        validators=[InputRequired(_l("Choose a decision: verify or return for rework."))],
    )
    verified_level = SelectField(
        _l("Verified level"), choices=LEVEL_CHOICES, coerce=_optional_int, validate_choice=False
    )
    comment = TextAreaField(_l("Comment (required when returning)"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Record decision"))

    def set_level_choices(self, target_level):
        """Each level says, before saving, whether it meets the milestone's target (done) or not (stays open)."""
        self.verified_level.choices = [SelectChoice("", "—")] + [
            SelectChoice(
                str(n),
                _l("%(n)s: meets the target, done", n=n)
                if meets_target(n, target_level)
                else _l("%(n)s: below the target, stays open", n=n),
            )
            for n in range(1, 6)
        ]


class ReopenForm(Form):
    version = HiddenField(validators=[DataRequired()])
    reason = TextAreaField(_l("Reason for reopening"), validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField(_l("Reopen"))


class SheetForm(Form):
    file = FileField(_l("Filled-in XLSX file"), validators=[FileRequired()])
    submit = SubmitField(_l("Check and apply"))
