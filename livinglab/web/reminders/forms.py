"""Reminder contact form."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from livinglab.labels import CHANNEL_LABELS, CONTACT_ROLE_LABELS
from livinglab.web.auth.forms import LANGUAGE_CHOICES
from livinglab.web.base_form import Form


class ContactForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    phone = StringField(_l("Phone (for WhatsApp/SMS)"), validators=[Optional(), Length(max=30)])
    channel = SelectField(
        _l("Channel"),
        choices=[SelectChoice(key, label) for key, label in CHANNEL_LABELS.items()],
    )
    role = SelectField(
        _l("Role"), choices=[SelectChoice(key, label) for key, label in CONTACT_ROLE_LABELS.items()], default="officer"
    )
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    active = BooleanField(_l("Active"), default=True)
    submit = SubmitField(_l("Save"))
