"""Study visit form (shape checks; rules live in services.visits)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    MultipleFileField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from livinglab.web.choices import practice_choices, region_choices


class VisitForm(FlaskForm):
    region = SelectField(_l("Visiting region"), validators=[DataRequired()], validate_choice=False)
    start_date = DateField(_l("First day"), validators=[DataRequired()])
    end_date = DateField(_l("Last day"), validators=[DataRequired()])
    head_of_delegation = StringField(_l("Head of delegation"), validators=[DataRequired(), Length(max=200)])
    delegation_size = IntegerField(_l("Delegation size"), validators=[InputRequired(), NumberRange(min=1, max=500)])
    practices = SelectMultipleField(_l("Practices studied"), validate_choice=False)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])
    attachments = MultipleFileField(_l("Attachments (attendance list, minutes, photos)"))
    submit = SubmitField(_l("Save"))

    def set_choices(self):
        self.region.choices = region_choices()
        self.practices.choices = practice_choices()


class ConfirmDeleteForm(FlaskForm):
    submit = SubmitField(_l("Delete"))
