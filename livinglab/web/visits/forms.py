"""Study visit form (shape checks; rules live in services.visits)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    MultipleFileField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from livinglab.labels import ORGANISATION_TYPE_LABELS
from livinglab.web.base_form import Form
from livinglab.web.choices import agency_choices, practice_choices
from livinglab.web.region_input import RegionField

VISITOR_KIND_CHOICES = [
    SelectChoice("region", _l("A region (regency or city)")),
    SelectChoice("agency", _l("A ministry or institution")),
    SelectChoice("organisation", _l("Another organisation")),
]
ORGANISATION_TYPE_CHOICES = [SelectChoice("", "—")] + [SelectChoice(k, v) for k, v in ORGANISATION_TYPE_LABELS.items()]


class VisitForm(Form):
    visitor_kind = SelectField(_l("Visitor"), choices=VISITOR_KIND_CHOICES, default="region")
    region = RegionField(_l("Visiting region"), validators=[Optional(), Length(max=200)])
    agency = SelectField(_l("Visiting ministry or institution"), validate_choice=False)
    organisation_name = StringField(_l("Organisation name"), validators=[Optional(), Length(max=200)])
    organisation_type = SelectField(
        _l("Kind of organisation"), choices=ORGANISATION_TYPE_CHOICES, validate_choice=False
    )
    start_date = DateField(_l("First day"), validators=[DataRequired()])
    end_date = DateField(_l("Last day"), validators=[DataRequired()])
    head_of_delegation = StringField(_l("Head of delegation"), validators=[DataRequired(), Length(max=200)])
    delegation_size = IntegerField(_l("Delegation size"), validators=[InputRequired(), NumberRange(min=1, max=500)])
    practices = SelectMultipleField(_l("Practices studied"), validate_choice=False)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])
    attachments = MultipleFileField(_l("Attachments (attendance list, minutes, photos)"))
    submit = SubmitField(_l("Save"))

    def set_choices(self):
        self.agency.choices = agency_choices()
        self.practices.choices = practice_choices()


class ConfirmDeleteForm(Form):
    submit = SubmitField(_l("Delete"))
