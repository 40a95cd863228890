"""Re-planning and extension forms (shape checks only; rules live in the services)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from livinglab.services.replanning import MAX_REASON
from livinglab.web.base_form import Form


class ExtensionRequestForm(Form):
    due_date = DateField(
        _l("Proposed due date"),
        validators=[InputRequired(message=_l("Give the proposed due date."))],
        id="extension-due-date",
    )
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(message=_l("Give a reason.")), Length(max=MAX_REASON)],
        id="extension-reason",
    )
    submit = SubmitField(_l("Request extension"), id="extension-submit")


class DecisionForm(Form):
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice("approve", _l("Approve the new due date")), SelectChoice("refuse", _l("Refuse"))],
        validators=[InputRequired(message=_l("Choose approve or refuse."))],
        id="extension-decision",
    )
    comment = TextAreaField(
        _l("Comment (required to refuse)"), validators=[Optional(), Length(max=MAX_REASON)], id="extension-comment"
    )
    next = HiddenField(id="extension-next")
    submit = SubmitField(_l("Save decision"), id="extension-decision-submit")


class ReplanForm(Form):
    milestone_ids = SelectMultipleField(_l("Milestones"), coerce=int, validate_choice=False)
    mode = RadioField(
        _l("Change"),
        choices=[SelectChoice("shift", _l("Shift by a number of days")), SelectChoice("set", _l("Set one due date"))],
        validators=[InputRequired(message=_l("Choose to shift or to set the due dates."))],
    )
    shift_days = IntegerField(_l("Days (negative: earlier)"), validators=[Optional()])
    due_date = DateField(_l("New due date"), validators=[Optional()])
    reason = TextAreaField(
        _l("Reason"), validators=[DataRequired(message=_l("Give a reason.")), Length(max=MAX_REASON)]
    )
    submit = SubmitField(_l("Re-plan the chosen milestones"))
