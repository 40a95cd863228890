"""Forms of the replication page: moving a stage, deciding on it, commenting, evidence, outcomes."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import DecimalField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from livinglab.labels import EVIDENCE_KIND_LABELS, STATUS_LABELS
from livinglab.models.milestones import EVIDENCE_KINDS
from livinglab.web.base_form import Form


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
