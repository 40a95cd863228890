"""Deterministic, clearly-labelled demo data for `make run` and manual testing: a programme that
looks alive on the day it is built.

The three 2022 rounds (Jakarta 1 Nov, Jatinangor 7 Nov, UID Bali 21 Nov), 62 signatory regions
(the 26 of Jawa Barat besides the host plus 36 from elsewhere, drawn with a fixed seed; the host
region is no adopter and signs nothing), their study visits, official results, commitments and
progress. Everything is relative to `today` (default: today on the WIB clock) with a fixed random
seed, so the same date gives the same data:

* official results (`demo_results`) for each evaluation year 2022-2025 already published on
  `today` (year Y is published by 1 March of Y+1), loaded through `services.evaluations` as the
  host loads a year's decree, labelled "(demo)";
* milestone updates, submissions and verifications through the services, whose history is then
  moved into the past (`_backdate`): most regions moved in the last weeks, some stopped long ago
  (stalled), some submissions wait for the host, some longer than VERIFY_SLA_DAYS. The evidence of
  level-4/5 submissions is dated afterwards too, so that it meets the age rules on the day of the
  moved verification (`domain.evidence_rules`).

e-SKM, APIKS and Sabuk Mas are Kabupaten Bandung's innovations (DOMAIN.md), in the innovation
registry, not the host's catalogue; their replication (and Tulungagung's of Puja Indah) is in
`demo_innovations`. Running it again changes nothing.
"""

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import select, update

from livinglab import policy
from livinglab.domain import periods
from livinglab.extensions import db
from livinglab.models import Evidence, Milestone, MilestoneUpdate, Practice, Region, SigningEvent, User
from livinglab.models.base import utcnow
from livinglab.services import (
    accounts,
    commitments,
    contacts,
    demo_innovations,
    demo_results,
    demo_visitors,
    events,
    milestones,
    visits,
)

DEMO_PASSWORD = "demo-livinglab-2022"
SEED = 2022
SIGNATORIES = 62  # Bupati/Wali Kota who signed at UID Bali on 2022-11-21
DEMO_TAG = "(demo)"

DEMO_USERS = (
    {"email": "admin@demo.livinglab.id", "name": "Demo Admin Sumedang", "role": "host_admin"},
    {"email": "mentor@demo.livinglab.id", "name": "Demo Mentor Sumedang", "role": "host_staff"},
    {
        "email": "officer.bandung@demo.livinglab.id",
        "name": "Demo Officer Kab. Bandung",
        "role": "region_officer",
        "region": "32.04",
    },
    {
        "email": "viewer@demo.livinglab.id",
        "name": "Demo Viewer Kemendagri",
        "role": "ministry_viewer",
        "agency": "kemendagri",
    },
)

ROUNDS = (
    (
        "Rapat Koordinasi Living Lab SPBE bersama Kemendagri",
        "Jakarta",
        date(2022, 11, 1),
        "Sekda dan Kepala Diskominfo, bersama Kemendagri.",
    ),
    (
        "Workshop Operator Diskominfo Living Lab SPBE",
        "Jatinangor, Sumedang",
        date(2022, 11, 7),
        "Lokakarya operator Diskominfo.",
    ),
    (
        "Penandatanganan Komitmen Bersama Living Lab SPBE",
        "Kampus UID, Bali",
        date(2022, 11, 21),
        "62 Bupati/Wali Kota menandatangani komitmen bersama.",
    ),
)
# The 2022 rounds aimed at raising the regional index from 2.24 to 3.5 by 2025 (migration 0012 sets
# the same on existing events); their commitments take it as their default target.
LIVING_LAB_2022_TARGET = {"target_index": Decimal("3.50"), "target_year": 2025}
HOST_PRACTICES = (
    "HOST-EOFFICE",
    "HOST-COMMAND-CENTER",
    "HOST-MPP",
    "HOST-ESAKIP-DESA",
    "HOST-TIM-KOORDINASI",
    "HOST-ARSITEKTUR",
    "HOST-SATU-DATA",
)


def _users(lines):
    existing = set(db.session.scalars(select(User.email)))
    for spec in DEMO_USERS:
        if spec["email"] in existing:
            lines.append(f"demo account exists: {spec['email']} ({spec['role']})")
            continue
        accounts.create_user(None, password=DEMO_PASSWORD, **spec)
        lines.append(f"demo account created: {spec['email']} ({spec['role']})")


def signatory_regions():
    """The regencies/cities of Jawa Barat other than the host and enough others for 62 signatories,
    the same ones on every run. The host region is no adopter: it never signs a commitment."""
    host = current_app.config["HOST_REGION_CODE"]
    regions = db.session.scalars(
        select(Region).where(Region.kind != "province", Region.code != host).order_by(Region.code)
    ).all()
    jabar = [r for r in regions if r.code.startswith("32.")]
    others = [r for r in regions if not r.code.startswith("32.") and not r.administrative]
    return jabar + sorted(random.Random(SEED).sample(others, SIGNATORIES - len(jabar)), key=lambda r: r.code)


def _backdate(milestone_ids, rng, today, quiet):
    """Spread the demo history between signing and today (deterministic); the milestones of
    `quiet` regions stopped moving long ago, so the overview has stalled regions to show."""
    signed = datetime.combine(date(2022, 11, 21), time(9), tzinfo=UTC)
    now = datetime.combine(today, time(9), tzinfo=UTC)
    span = max((now - signed).days, 30)
    for milestone_id in milestone_ids:
        rows = db.session.scalars(
            select(MilestoneUpdate).where(MilestoneUpdate.milestone_id == milestone_id).order_by(MilestoneUpdate.id)
        ).all()
        latest = now - timedelta(days=rng.randint(200, span) if milestone_id in quiet else rng.randint(1, 40))
        moment = latest - timedelta(days=sum(rng.randint(10, 60) for _row in rows))
        for row in rows:
            moment = max(moment, signed + timedelta(days=7)) + timedelta(days=rng.randint(10, 60))
            row.at = min(moment, latest)
        if rows:
            db.session.execute(update(Milestone).where(Milestone.id == milestone_id).values(updated_at=rows[-1].at))
    _date_evidence(milestone_ids, rng)
    db.session.commit()


def _date_evidence(milestone_ids, rng):
    """Date each review 20-200 days before the (moved) update that brought it and each follow-up
    policy between the review and that update, so level 4 and 5 meet the age rules on the day of
    their (moved) verification, which comes after that update."""
    items = db.session.execute(
        select(Evidence, MilestoneUpdate.at)
        .join(MilestoneUpdate, MilestoneUpdate.id == Evidence.update_id)
        .where(Evidence.milestone_id.in_(milestone_ids), Evidence.enacted_on.is_not(None))
        .order_by(Evidence.id)
    ).all()
    reviews = {}
    for evidence, at in items:
        brought = at.date()
        if evidence.kind in ("report", "minutes"):
            evidence.enacted_on = reviews[evidence.update_id] = brought - timedelta(days=rng.randint(20, 200))
    for evidence, at in items:
        review = reviews.get(evidence.update_id)
        if evidence.kind not in ("report", "minutes") and review is not None:
            evidence.enacted_on = review + timedelta(days=rng.randint(1, min((at.date() - review).days, 300)))


def _progress(officer, mentor, commitment, rng, official_levels):
    """Move some milestones along the real state machine through the services: a level above the
    region's official one where it has one; some submissions stay with the host, some come back."""
    touched = []
    profile = rng.random()  # some regions move fast, some are stalled
    for milestone in commitment.milestones:
        roll = rng.random()
        if profile < 0.08 or roll < 0.3:  # a few regions never started
            continue
        official = official_levels.get(milestone.practice.code)
        level = min(official + 1, 5) if official else rng.randint(2, 4)
        milestones.update(
            officer,
            milestone.id,
            version=milestone.version,
            status="in_progress",
            level=level - 1,
            note="Penyusunan draf (demo).",
        )
        touched.append(milestone.id)
        if roll < 0.55:
            continue
        milestones.update(
            officer,
            milestone.id,
            version=milestone.version,
            status="submitted",
            level=level,
            note="Data dukung diunggah (demo).",
            evidence=_review(level),
        )
        if roll < 0.62:
            continue  # waiting for the host
        if roll < 0.7:
            milestones.verify(mentor, milestone.id, decision="return", comment="Lengkapi data dukung (demo).")
            continue
        milestones.verify(mentor, milestone.id, decision="verify", level=max(level - rng.randint(0, 1), 1))
    return touched


def _review(level):
    """Level 4 is verified only with a review under 2 years old, level 5 also with a follow-up
    policy enacted within a year after it (PermenPANRB 59/2020): the demo region submits them,
    dated before the real today here (the verification happens now) and redated by `_backdate`."""
    if level < 4:
        return None
    today = periods.local(utcnow(), "WIB").date()
    items = [
        milestones.EvidenceInput(
            kind="report",
            title=f"Laporan reviu SPBE {DEMO_TAG}",
            url="https://example.go.id/demo/laporan-reviu.pdf",
            enacted_on=today - timedelta(days=30),
        )
    ]
    if level == 5:
        items.append(
            milestones.EvidenceInput(
                kind="regulation",
                title=f"Peraturan Bupati/Wali Kota tindak lanjut reviu SPBE {DEMO_TAG}",
                url="https://example.go.id/demo/perkada-tindak-lanjut.pdf",
                enacted_on=today - timedelta(days=10),
            )
        )
    return items


def demo_today():
    """Today on the WIB clock, the demo's default date."""
    return periods.local(utcnow(), "WIB").date()


def seed_demo(today=None):
    """Create what does not exist yet, as of `today` (default `demo_today()`); returns lines to print."""
    today = today or demo_today()
    lines = []
    _users(lines)
    demo_innovations.seed(lines)
    existing = set(db.session.scalars(select(SigningEvent.name)))
    if ROUNDS[-1][0] in existing:
        lines.append("demo records exist: signing events, study visits, commitments (nothing changed)")
        lines.append(f"demo password for all demo accounts: {DEMO_PASSWORD}")
        return lines
    rng = random.Random(SEED)
    admin = db.session.scalar(select(User).where(User.email == DEMO_USERS[0]["email"]))
    mentor = db.session.scalar(select(User).where(User.email == DEMO_USERS[1]["email"]))
    made = [
        events.create_event(admin, name=n, place=p, date=d, description=f"{t} {DEMO_TAG}", **LIVING_LAB_2022_TARGET)
        for n, p, d, t in ROUNDS
    ]
    bali = made[-1]
    spbe = db.session.scalars(select(Practice.code).where(Practice.code.like("SPBE-%")).order_by(Practice.code)).all()
    regions = signatory_regions()
    loaded = demo_results.load(regions, today)
    official_levels = demo_results.latest_levels(regions)
    touched, quiet = [], set()
    for n, region in enumerate(regions):
        host_choice = rng.sample(HOST_PRACTICES, rng.randint(1, 3))
        visit = None
        if n < 52:
            start = date(2022, 1, 10) + timedelta(days=rng.randint(0, 280))
            visit = visits.create_visit(
                admin,
                region=region.code,
                start_date=start,
                end_date=start + timedelta(days=rng.randint(0, 2)),
                head_of_delegation=f"Sekretaris Daerah {region.name} {DEMO_TAG}",
                delegation_size=rng.randint(5, 40),
                practices=host_choice,
                notes=f"Studi tiru ke Kabupaten Sumedang {DEMO_TAG}.",
            )
        chosen = sorted(rng.sample(spbe, rng.randint(6, 12))) + host_choice
        commitment = commitments.create_commitment(
            admin,
            region=region.code,
            signing_event_id=bali.id,
            study_visit_id=visit.id if visit else None,
            signatory_name=f"Penandatangan {region.name} {DEMO_TAG}",
            signed_on=bali.date,
            target_date=date(2025, 12, 31),
            practices=chosen,
            status="active",
        )
        officer = _officer(region)
        moved = _progress(officer or mentor, mentor, commitment, rng, official_levels.get(region.id, {}))
        touched += moved
        if n % 6 == 3:  # stopped moving long ago: stalled
            quiet.update(moved)
    _backdate(touched, rng, today, quiet)
    contacts.create_contact(
        policy.SYSTEM, "32.04", name=f"Diskominfo Kabupaten Bandung {DEMO_TAG}", email=DEMO_USERS[2]["email"]
    )
    lines.append(f"demo records created: {len(made)} signing events, 52 study visits, {len(regions)} commitments")
    lines.append(demo_visitors.seed(admin, DEMO_TAG))
    lines.append(f"demo official results: {loaded} (as of {today.isoformat()})")
    lines.append(f"demo password for all demo accounts: {DEMO_PASSWORD}")
    return lines


def _officer(region):
    return db.session.scalar(
        select(User).where(User.role == "region_officer", User.region_id == region.id, User.active.is_(True))
    )
