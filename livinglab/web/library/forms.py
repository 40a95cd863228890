"""The library's upload form (shape checks only; the rules are in services.library)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import DateField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import URL, DataRequired, Length, Optional

from livinglab.labels import EVIDENCE_KIND_LABELS
from livinglab.web.base_form import Form


class DocumentForm(Form):
    kind = SelectField(
        _l("Document type"),
        choices=[SelectChoice(k, v) for k, v in EVIDENCE_KIND_LABELS.items()],
        validators=[DataRequired()],
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    number = StringField(_l("Document number"), validators=[Optional(), Length(max=120)])
    enacted_on = DateField(_l("Date enacted or reviewed"), validators=[Optional()])
    file = FileField(_l("File (PDF, image, DOCX, XLSX, ODT)"))
    url = StringField(_l("Or a web address"), validators=[Optional(), URL(), Length(max=2000)])
    submit = SubmitField(_l("Add to the library"))
