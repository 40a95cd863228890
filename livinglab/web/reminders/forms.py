"""Reminder contact form."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from livinglab.labels import CHANNEL_LABELS, CONTACT_ROLE_LABELS
from livinglab.web.auth.forms import LANGUAGE_CHOICES
from livinglab.web.base_form import Form


def _opd_value(value):
    return "" if value is None else str(value)


def opd_choices(region_opds):
    """The OPD select's options: none (the whole region), then the region's OPDs by short name."""
    return [SelectChoice("", _l("None: the whole region"))] + [
        SelectChoice(str(opd.id), f"{opd.short_name} · {opd.name}") for opd in region_opds
    ]


class ContactForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    phone = StringField(_l("Phone (for WhatsApp/SMS)"), validators=[Optional(), Length(max=30)])
    channel = SelectField(
        _l("Channel"),
        choices=[SelectChoice(key, label) for key, label in CHANNEL_LABELS.items()],
    )
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(key, label) for key, label in CONTACT_ROLE_LABELS.items()],
        default="officer",
        validate_choice=False,  # the service refuses a role outside the list, with its own message
    )
    # the region's OPDs, set by the view; the service refuses one of another region
    opd_id = SelectField(_l("OPD"), choices=[], coerce=_opd_value, validate_choice=False)
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    active = BooleanField(_l("Active"), default=True)
    submit = SubmitField(_l("Save"))
