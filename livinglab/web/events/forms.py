"""Signing event form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class EventForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    place = StringField(_l("Place"), validators=[DataRequired(), Length(max=200)])
    date = DateField(_l("Date"), validators=[DataRequired()])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Save"))
