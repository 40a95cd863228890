"""Evaluation result forms (shape checks only; rules live in services.evaluations)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, IntegerField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from livinglab.web.base_form import Form


class ImportForm(Form):
    file = FileField(_l("XLSX or CSV file"), validators=[FileRequired(_l("Choose a file to check."))])
    year = IntegerField(
        _l("Evaluation year"),
        validators=[Optional(), NumberRange(min=2000, max=2999, message=_l("Enter a year such as 2023."))],
    )
    source = StringField(_l("Source (decree)"), validators=[Optional(), Length(max=200)])
    evaluated_on = DateField(_l("Date of the decree"), validators=[Optional()])
    submit = SubmitField(_l("Check the file"))


class ConfirmForm(Form):
    ticket = HiddenField(validators=[DataRequired(_l("The check has expired; upload the file again."))])
    submit = SubmitField(_l("Save these results"))
