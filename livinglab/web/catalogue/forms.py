"""Host practice form."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from livinglab.labels import SCALE_LABELS
from livinglab.web.base_form import Form


class PracticeForm(Form):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20)])
    title = StringField(_l("Title (Indonesian)"), validators=[DataRequired(), Length(max=300)])
    title_en = StringField(_l("Title (English)"), validators=[Optional(), Length(max=300)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    evidence_hint = TextAreaField(_l("Evidence hint"), validators=[Optional(), Length(max=5000)])
    weight = DecimalField(_l("Weight"), places=3, validators=[InputRequired(), NumberRange(min=0, max=100)])
    level_scale = SelectField(
        _l("Level scale"), choices=[SelectChoice(code, label) for code, label in SCALE_LABELS.items()]
    )
    default_duration_days = IntegerField(
        _l("Default duration (days)"), validators=[InputRequired(), NumberRange(min=1, max=3650)]
    )
    active = BooleanField(_l("Active"), default=True)
    submit = SubmitField(_l("Save"))
