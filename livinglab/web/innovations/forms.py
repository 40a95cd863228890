"""Forms of the innovation pages: a new innovation, a new replication, and on the replication page
moving a stage, deciding on it, commenting, evidence, outcomes (shape checks; rules live in services)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    DecimalField,
    FieldList,
    FormField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from livinglab.labels import EVIDENCE_KIND_LABELS, STATUS_LABELS
from livinglab.models.milestones import EVIDENCE_KINDS
from livinglab.web.base_form import Form, SubForm
from livinglab.web.choices import REGION_PICKER


class StageMoveForm(Form):
    status = SelectField(
        _l("Move to"),
        choices=[SelectChoice(key, STATUS_LABELS[key]) for key in ("in_progress", "submitted", "blocked")],
    )
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Save"))


class StageDecisionForm(Form):
    decision = SelectField(
        _l("Decision"), choices=[SelectChoice("verify", _l("Verify")), SelectChoice("return", _l("Return for rework"))]
    )
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Record decision"))


class StageCommentForm(Form):
    comment = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField(_l("Add comment"))


class StageEvidenceForm(Form):
    kind = SelectField(_l("Kind"), choices=[SelectChoice(k, EVIDENCE_KIND_LABELS.get(k, k)) for k in EVIDENCE_KINDS])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    url = StringField(_l("Link"), validators=[Optional(), Length(max=2000)])
    file = FileField(_l("File"))
    submit = SubmitField(_l("Add evidence"))


class OutcomeForm(Form):
    measure_id = SelectField(_l("Outcome measure"), coerce=int)
    period = StringField(_l("Period (2021 or 2021-03)"), validators=[DataRequired(), Length(max=7)])
    value = DecimalField(_l("Value"), validators=[DataRequired()])
    submit = SubmitField(_l("Report"))


ORIGINATOR_KIND_CHOICES = [
    SelectChoice("region", _l("A region (regency or city)")),
    SelectChoice("agency", _l("A ministry or institution")),
]


class MeasureForm(SubForm):
    """One outcome measure row of the innovation form (a blank row is skipped)."""

    name = StringField(_l("Outcome measure"), validators=[Optional(), Length(max=200)])
    unit = StringField(_l("Unit"), validators=[Optional(), Length(max=60)])


class InnovationForm(Form):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    originator_kind = SelectField(_l("Originator"), choices=ORIGINATOR_KIND_CHOICES, default="region")
    originator_region = SelectField(_l("Originating region"), validate_choice=False, render_kw=REGION_PICKER)
    originator_agency = SelectField(_l("Originating ministry or institution"), validate_choice=False)
    type = SelectField(_l("Type (PP 38/2017)"), validate_choice=False)
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    first_year = IntegerField(_l("First implemented (year)"), validators=[Optional(), NumberRange(min=1945, max=2100)])
    links = TextAreaField(_l("Links (one per line)"), validators=[Optional(), Length(max=4000)])
    measures = FieldList(FormField(MeasureForm), min_entries=3, max_entries=20)
    submit = SubmitField(_l("Add innovation"))


class ReplicationForm(Form):
    region = SelectField(_l("Adopting region"), validate_choice=False, render_kw=REGION_PICKER)
    sponsor = SelectField(_l("Sponsoring ministry or institution"), validate_choice=False)
    sponsor_unit = StringField(_l("Sponsor's unit"), validators=[Optional(), Length(max=120)])
    signed_on = DateField(_l("Signed on"), validators=[Optional()])
    place = StringField(_l("Place of signing"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Record replication"))
