"""Login, language and password-reset forms (shape checks only)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectChoice, SelectField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from livinglab.labels import LANGUAGE_LABELS
from livinglab.web.base_form import Form

LANGUAGE_CHOICES = [SelectChoice(code, name) for code, name in LANGUAGE_LABELS.items()]


class LoginForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    next = HiddenField()
    submit = SubmitField(_l("Sign in"))


class LocaleForm(Form):
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    next = HiddenField()


ZONE_CHOICES = [
    SelectChoice("", _l("Automatic: my region's zone, else WIB")),
    SelectChoice("WIB", _l("WIB (UTC+7)")),
    SelectChoice("WITA", _l("WITA (UTC+8)")),
    SelectChoice("WIT", _l("WIT (UTC+9)")),
]


class ProfileForm(Form):
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    timezone = SelectField(_l("Show times in"), choices=ZONE_CHOICES)
    submit = SubmitField(_l("Save"))


class ForgotPasswordForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    submit = SubmitField(_l("Send me a reset link"))


class ResetPasswordForm(Form):
    # The length and the list of common passwords are checked by services.accounts (one rule).
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=200)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )
    revoke_tokens = BooleanField(_l("Also revoke all API tokens of this account"), default=True)
    submit = SubmitField(_l("Save the new password"))
