"""Reminder contact form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from livinglab.web.auth.forms import LANGUAGE_CHOICES


class ContactForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    phone = StringField(_l("Phone (for WhatsApp/SMS)"), validators=[Optional(), Length(max=30)])
    channel = SelectField(
        _l("Channel"), choices=[SelectChoice("email", _l("Email")), SelectChoice("webhook", _l("WhatsApp/SMS gateway"))]
    )
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    active = BooleanField(_l("Active"), default=True)
    submit = SubmitField(_l("Save"))
