"""The demo's replication of regional innovations, next to the 2022 Living Lab rounds.

Documented events (DOMAIN.md): on 10 September 2020 at Soreang, the Bupati of Kabupaten Bandung and
Balitbang Kemendagri signed a joint commitment to replicate Bandung's e-SKM, APIKS and Sabuk Mas
nationally; Kabupaten Tulungagung replicated Kemendagri's Puja Indah, with the preparation meeting
of all its agencies at Bappeda on 25 July 2018 and the training of pamong inovasi next. The adopters
of Bandung's innovations and their progress are invented for the demo and labelled "(demo)"; the
host and Kabupaten Bandung's officer (the originator) do the work and the verifications through the
services, and the history is then dated when it happened.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Innovation, Replication, StageUpdate, User
from livinglab.services import replications

DEMO_TAG = "(demo)"
SOREANG = date(2020, 9, 10)
KEMENDAGRI_SPONSOR = {"role": "sponsor", "kind": "agency", "code": "kemendagri", "unit": "Balitbang"}
# innovation, adopter, stages verified, next stage submitted, outcome reports (period, value)
SOREANG_ADOPTERS = (
    ("BDG-ESKM", "32.17", 4, False, (("2021-01", 310), ("2021-02", 455), ("2021-03", 620))),
    ("BDG-ESKM", "18.71", 2, True, ()),
    ("BDG-APIKS", "32.73", 1, False, ()),
    ("BDG-SABUK-MAS", "32.05", 6, False, (("2021", 120), ("2022", 340))),
)
TULUNGAGUNG_MEETING = date(2018, 7, 25)


def _walk(admin, verifier, replication, verified, submit_next, note):
    """Move the first `verified` stages through to verified, and submit the next one if asked."""
    for stage in replication.stages[:verified]:
        replications.move_stage(admin, stage.id, status="submitted", note=note(stage))
        replications.decide_stage(verifier, stage.id, decision="verify")
    rest = replication.stages[verified:]
    if rest:
        replications.move_stage(admin, rest[0].id, status="submitted" if submit_next else "in_progress")


def _date_history(replication, start, days_per_stage=45):
    """Date the stage history from `start` on, one stage after the other (the services wrote now)."""
    moment = datetime.combine(start, time(9), tzinfo=UTC)
    for stage in replication.stages:
        for update in db.session.scalars(
            select(StageUpdate).where(StageUpdate.stage_id == stage.id).order_by(StageUpdate.id)
        ):
            update.at = moment
            moment += timedelta(days=1)
        stage.updated_at = moment
        moment += timedelta(days=days_per_stage)
    db.session.commit()


def seed(lines):
    """Create the demo replications once (after the demo accounts); adds a line to `lines`."""
    if db.session.scalar(select(Replication.id).limit(1)) is not None:
        lines.append("demo replications exist (nothing changed)")
        return
    by_code = {i.code: i for i in db.session.scalars(select(Innovation))}
    admin = db.session.scalar(select(User).where(User.email == "admin@demo.livinglab.id"))
    bandung = db.session.scalar(select(User).where(User.email == "officer.bandung@demo.livinglab.id"))
    viewer = db.session.scalar(select(User).where(User.email == "viewer@demo.livinglab.id"))
    for code, region, verified, submit_next, outcomes in SOREANG_ADOPTERS:
        innovation = by_code[code]
        replication = replications.create_replication(
            admin,
            innovation_id=innovation.id,
            region=region,
            parties=[KEMENDAGRI_SPONSOR],
            signed_on=SOREANG,
            place=f"Soreang, Kabupaten Bandung {DEMO_TAG}",
        )
        _walk(admin, bandung, replication, verified, submit_next, lambda stage: f"{stage.name} {DEMO_TAG}")
        for period, value in outcomes:
            replications.report_outcome(
                admin, replication.id, measure_id=innovation.measures[0].id, period=period, value=value
            )
        _date_history(replication, SOREANG)
    puja = replications.create_replication(
        admin,
        innovation_id=by_code["KEMENDAGRI-PUJA-INDAH"].id,
        region="35.04",
        signed_on=TULUNGAGUNG_MEETING - timedelta(days=30),
        place="Kabupaten Tulungagung",
    )
    notes = {
        2: "Rapat persiapan replikasi Puja Indah seluruh perangkat daerah di Bappeda, 25 Juli 2018",
    }
    _walk(admin, viewer, puja, 2, False, lambda stage: notes.get(stage.position, f"{stage.name} {DEMO_TAG}"))
    _date_history(puja, TULUNGAGUNG_MEETING - timedelta(days=30), days_per_stage=28)
    lines.append(
        f"demo replications: {len(SOREANG_ADOPTERS)} of Kabupaten Bandung's innovations, Puja Indah in Tulungagung"
    )
