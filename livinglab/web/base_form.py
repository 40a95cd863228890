"""The form every page form derives from: WTForms' own messages ("This field is required.",
"Not a valid choice.") in the reader's language, from our catalogue (see `wtforms_messages`).

flask-wtf's default hook looks for a WTForms catalogue of the locale, and WTForms has none in
Indonesian; `Meta.get_translations` hands WTForms flask-babel's translations instead.
"""

import wtforms
from flask_babel import get_translations
from flask_wtf import FlaskForm


class CatalogueTranslations:
    """What WTForms asks of a translations object, answered in the request's language. WTForms
    fills the placeholders itself, so the strings go back unformatted."""

    def gettext(self, string):
        return get_translations().ugettext(string)

    def ngettext(self, singular, plural, n):
        return get_translations().ungettext(singular, plural, n)


TRANSLATIONS = CatalogueTranslations()


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return TRANSLATIONS


class SubForm(wtforms.Form):
    """A group of fields inside a page form (a `FormField` row): no CSRF token of its own, the same
    translated messages."""

    class Meta:
        def get_translations(self, form):
            return TRANSLATIONS
