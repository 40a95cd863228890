"""Stages of an innovation's replication (pure): the default Puja Indah-style template and where a
replication stands. Stages move through the milestone states (`domain.milestone_states`)."""

from livinglab.domain.milestone_states import is_done

# Kemendagri's Puja Indah replication path (Tulungagung 2018: preparation meeting, then training of
# the pamong inovasi), as stage names in the platform's first language.
DEFAULT_STAGES = (
    "Komitmen",
    "Rapat koordinasi persiapan",
    "Pelatihan pamong inovasi",
    "Uji coba",
    "Penerapan",
    "Evaluasi",
)
MAX_STAGES = 20
COMPLETED = "completed"  # the position past the last stage


def parse_stages(text):
    """Stage names from a text with one per line (blank lines ignored); () for an empty text."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def current_stage(stages):
    """(position, name) of the first stage not done, from (position, name, status) rows in order;
    (None, COMPLETED) when every stage is done."""
    for position, name, status in stages:
        if not is_done(status):
            return position, name
    return None, COMPLETED
