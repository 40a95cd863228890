"""Reading what people type into a spreadsheet's header and coded columns, in either language.

Every importer (the milestone sheet, commitments, evaluations) reads its header row and its coded
values (statuses, contact roles, yes/no) through a `Vocabulary` built from the labels in
`livinglab.labels`: a cell matches a code when it is the code itself, the label in Indonesian or
in English, or one of the importer's older spellings, whatever the case, spaces, underscores,
hyphens and accents (`Status baru`, `NEW_STATUS`, `new status` are all `new_status`). So a file
exported for an Indonesian reader imports in an English session and the other way round.
"""

import re
import unicodedata

from flask import current_app
from flask_babel import force_locale

from livinglab import labels

SEPARATORS = re.compile(r"[\s_\-]+")


def normalised(text):
    """`Tanggal  Jatuh-Tempo`, `tanggal_jatuh_tempo` and `Tânggal jatuh tempo` read alike."""
    decomposed = unicodedata.normalize("NFKD", str(text if text is not None else ""))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return SEPARATORS.sub(" ", plain).strip().casefold()


class Vocabulary:
    """The codes of `labels` (code → lazy label) and every spelling that names each of them."""

    def __init__(self, labels_by_code, aliases=None):
        self._codes = {}
        spellings = {code: [code, *(aliases or {}).get(code, ())] for code in labels_by_code}
        for locale in current_app.config["LANGUAGES"]:
            with force_locale(locale):
                for code, label in labels_by_code.items():
                    spellings[code].append(str(label))
        for code, names in spellings.items():
            for name in names:
                self._codes.setdefault(normalised(name), code)

    def code(self, text, default=None):
        """The code `text` names, else `default`."""
        return self._codes.get(normalised(text), default)

    def codes(self, cells):
        """A header row as codes; a cell naming nothing stays as typed (normalised), an empty one ''."""
        return [self.code(cell, normalised(cell)) for cell in cells]


def yes_no():
    """Yes/no cells: `ya`, `yes`, `tidak`, `no`, and the usual shorthands."""
    return Vocabulary(labels.YES_NO_LABELS, {"yes": ("y", "1", "true"), "no": ("n", "0", "false")})
