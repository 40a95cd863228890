"""Commitment forms (shape checks only; rules live in services.commitments)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from livinglab.models.commitments import SIGNATORY_TITLES
from livinglab.web.base_form import Form
from livinglab.web.choices import practice_choices
from livinglab.web.region_input import RegionField

TITLE_CHOICES = [SelectChoice("", _l("Default for the region"))] + [SelectChoice(t, t) for t in SIGNATORY_TITLES]


class CommitmentForm(Form):
    region = RegionField(_l("Region"), validators=[DataRequired(), Length(max=200)])
    signing_event_id = SelectField(_l("Signing event"), validate_choice=False)
    study_visit_id = SelectField(
        _l("Follows the study visit"), validate_choice=False, render_kw={"data-narrowed-by": "region"}
    )
    signatory_name = StringField(_l("Signatory name"), validators=[DataRequired(), Length(max=200)])
    signatory_title = SelectField(_l("Signatory title"), choices=TITLE_CHOICES, validate_choice=False)
    signed_on = DateField(_l("Signed on"), validators=[Optional()])
    target_date = DateField(_l("Target date"), validators=[Optional()])
    cascade = BooleanField(_l("Also move the milestones due after the target date to the target date"))
    target_index = StringField(_l("Target Indeks SPBE"), validators=[Optional(), Length(max=10)])
    target_year = IntegerField(_l("Target year"), validators=[Optional()])
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("signed", _l("Signed")),
            SelectChoice("active", _l("Active")),
            SelectChoice("draft", _l("Draft")),
        ],
    )
    practices = SelectMultipleField(_l("Practices committed to"), validate_choice=False)
    packages = SelectMultipleField(_l("Practice packages"), validate_choice=False)
    without_host = BooleanField(_l("Signed without the host as a party"))
    second_party = SelectField(_l("Agency signing as a party"), validate_choice=False)
    document = FileField(_l("Scanned signed document (PDF)"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])
    confirm_second = BooleanField(_l("Yes, record a second commitment"))
    submit = SubmitField(_l("Save"))

    def set_choices(self, events, visits, packages=(), agencies=()):
        self.signing_event_id.choices = [SelectChoice("", "—")] + [
            SelectChoice(str(e.id), f"{e.name} ({e.date.isoformat()})") for e in events
        ]
        self.all_visits = [
            SelectChoice(
                str(v.id),
                f"{v.region.name} · {v.start_date.isoformat()}",
                render_kw={"data-region": v.region.code, "data-region-name": v.region.name},
            )
            for v in visits
        ]
        self.study_visit_id.choices = [SelectChoice("", "—"), *self.all_visits]
        self.practices.choices = practice_choices()
        self.package_list = list(packages)  # quick picks over the practices' checkboxes
        self.packages.choices = [SelectChoice(p.name, f"{p.name} ({len(p.codes)})") for p in packages]
        self.second_party.choices = [SelectChoice("", "—")] + [
            SelectChoice(a.code, f"{a.name} — {a.full_name}") for a in agencies
        ]

    def narrow_visits(self, region):
        """Offer only the study visits `region` made (the service refuses another region's visit)."""
        self.study_visit_id.choices = [SelectChoice("", "—")] + [
            c for c in self.all_visits if c.render_kw["data-region"] == region.code
        ]


class PracticesForm(Form):
    practices = SelectMultipleField(
        _l("Add practices"), validate_choice=False, validators=[DataRequired(_l("Choose at least one practice."))]
    )
    submit = SubmitField(_l("Add"))


class RemovePracticeForm(Form):
    code = StringField(validators=[DataRequired()])


class PlanForm(Form):
    due_date = DateField(_l("Due date"), validators=[DataRequired()])
    target_level = IntegerField(_l("Target level"), validators=[DataRequired(), NumberRange(min=1, max=5)])
    submit = SubmitField(_l("Save plan"))


class StatusForm(Form):
    status = SelectField(_l("New status"), validate_choice=False)
    reason = TextAreaField(_l("Reason (required to withdraw)"), validators=[Optional(), Length(max=2000)])
    confirm_second = BooleanField(_l("Yes, record a second commitment"))
    submit = SubmitField(_l("Change status"))


class ImportForm(Form):
    file = FileField(_l("XLSX or CSV file"), validators=[FileRequired()])
    submit = SubmitField(_l("Check the file (nothing is saved yet)"))


class ConfirmImportForm(Form):
    """The checked file goes back with the choices for ambiguous names; every row is checked again."""

    payload = HiddenField(validators=[DataRequired()])
    filename = HiddenField()
    submit = SubmitField(_l("Import these commitments"))


class PackageForm(Form):
    name = StringField(_l("Package name"), validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])
    practices = SelectMultipleField(_l("Practices in the package"), validate_choice=False, validators=[DataRequired()])
    submit = SubmitField(_l("Add package"))


class DeletePackageForm(Form):
    submit = SubmitField(_l("Delete"))
