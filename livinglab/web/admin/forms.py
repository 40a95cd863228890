"""User management forms (shape checks; rules live in services.accounts)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

ROLE_LABELS = {
    "host_admin": _l("Host administrator"),
    "host_staff": _l("Host staff (mentor)"),
    "region_officer": _l("Region officer"),
    "ministry_viewer": _l("Ministry viewer"),
}


class UserForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(_l("Role"), choices=list(ROLE_LABELS.items()))
    region = SelectField(_l("Region (for region officers)"), validators=[Optional()], validate_choice=False)
    agency = SelectField(_l("Agency (for ministry viewers)"), validators=[Optional()], validate_choice=False)
    locale = SelectField(_l("Language"), choices=[("id", "Bahasa Indonesia"), ("en", "English")])
    active = BooleanField(_l("Active"), default=True)
    password = PasswordField(_l("Initial password"), validators=[Optional(), Length(min=10, max=200)])
    submit = SubmitField(_l("Save"))

    def set_choices(self, regions, agencies):
        grouped = {}
        for region in regions:
            if region.kind != "province":
                grouped.setdefault(region.parent.name, []).append((region.code, f"{region.code} {region.name}"))
        self.region.choices = [("", "—"), *grouped.items()]
        self.agency.choices = [("", "—")] + [(a.code, a.name) for a in agencies]


class ConfirmForm(FlaskForm):
    """An empty form that carries only the CSRF token, for POST buttons."""

    submit = SubmitField(_l("Confirm"))
