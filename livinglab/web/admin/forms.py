"""User management forms (shape checks; rules live in services.accounts)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from livinglab.labels import ROLE_LABELS
from livinglab.web.auth.forms import LANGUAGE_CHOICES
from livinglab.web.base_form import Form
from livinglab.web.choices import REGION_PICKER, region_choices


class UserForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(_l("Role"), choices=[SelectChoice(key, label) for key, label in ROLE_LABELS.items()])
    region = SelectField(
        _l("Region (for region officers)"), validators=[Optional()], validate_choice=False, render_kw=REGION_PICKER
    )
    agency = SelectField(_l("Agency (for ministry viewers)"), validators=[Optional()], validate_choice=False)
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    active = BooleanField(_l("Active"), default=True)
    reminder_contact = BooleanField(_l("Also a reminder contact of the region (region officers)"), default=True)
    # The length and the list of common passwords are checked by services.accounts (one rule).
    password = PasswordField(_l("Initial password"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Save"))

    def set_choices(self, agencies):
        self.region.choices = region_choices()
        self.agency.choices = [SelectChoice("", "—")] + [SelectChoice(a.code, a.name) for a in agencies]


class ConfirmForm(Form):
    """An empty form that carries only the CSRF token, for POST buttons."""

    submit = SubmitField(_l("Confirm"))


class ResetLinkForm(ConfirmForm):
    """The "Send reset link" button; its box (ticked on the page) also revokes the API tokens."""

    revoke_tokens = BooleanField()
