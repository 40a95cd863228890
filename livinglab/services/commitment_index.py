"""What an import's rows are checked against, read once per file, so that checking 6 rows or 600
costs the same few queries: the active practices by code, the agencies, and the commitments already
recorded (ongoing ones by region, region–event pairs), to which each row built is added so a later
row of the same file meets it as it would meet a recorded one. The checks and their messages stay
those of services.commitments and services.several_commitments.
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Agency, Commitment, Practice
from livinglab.services.several_commitments import ONGOING


class CommitmentIndex:
    def __init__(self):
        self.practices = {}
        statement = select(Practice).where(Practice.active.is_(True)).order_by(Practice.framework_id)
        for practice in db.session.scalars(statement):  # a code repeated: the newest framework's
            self.practices[practice.code] = practice
        self.agencies = db.session.scalars(select(Agency).order_by(Agency.id)).all()
        self.pairs = set()
        self.ongoing = defaultdict(list)  # region id → (signed on, recording order, id or built commitment)
        self.built = []
        columns = (Commitment.id, Commitment.region_id, Commitment.signing_event_id, Commitment.status)
        rows = db.session.execute(select(*columns, Commitment.signed_on).order_by(Commitment.id))
        for commitment_id, region_id, event_id, status, signed_on in rows:
            self._note(commitment_id, region_id, event_id, status, signed_on)

    def _note(self, commitment, region_id, event_id, status, signed_on):
        if event_id is not None:
            self.pairs.add((region_id, event_id))
        if status in ONGOING:
            entries = self.ongoing[region_id]
            entries.append((signed_on or date.min, len(entries), commitment))

    def has_pair(self, region, event):
        """Whether `region` already has a commitment for signing event `event`."""
        return (region.id, event.id) in self.pairs

    def latest_ongoing(self, region):
        """The region's ongoing commitment signed most recently (ties: the later recorded), or None."""
        entries = self.ongoing.get(region.id)
        if not entries:
            return None
        latest = max(entries, key=lambda entry: entry[:2])[2]
        return db.session.get(Commitment, latest) if isinstance(latest, int) else latest

    def add(self, commitment):
        """A commitment built from a row (not flushed yet: its relations give its keys)."""
        event_id = commitment.signing_event.id if commitment.signing_event else None
        self._note(commitment, commitment.region.id, event_id, commitment.status, commitment.signed_on)
        self.built.append(commitment)
