"""Signing event form."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from livinglab.web.base_form import Form


class EventForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    place = StringField(_l("Place"), validators=[DataRequired(), Length(max=200)])
    date = DateField(_l("Date"), validators=[DataRequired()])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    target_index = StringField(_l("Target Indeks SPBE"), validators=[Optional(), Length(max=10)])
    target_year = IntegerField(_l("Target year"), validators=[Optional()])
    submit = SubmitField(_l("Save"))
