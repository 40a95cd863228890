"""`livinglab seed demo [--today]`: the three 2022 rounds, 62 signatories, official results and
progress that looks alive on the chosen day, the same on every run for the same day."""

from datetime import date, timedelta

import pytest
from conftest import delete_added_rows
from sqlalchemy import func, select

from livinglab import policy
from livinglab.domain import evidence_rules, periods
from livinglab.extensions import db
from livinglab.models import (
    Commitment,
    Evaluation,
    InboxItem,
    Innovation,
    Milestone,
    MilestoneUpdate,
    Practice,
    Region,
    Replication,
    SigningEvent,
    StudyVisit,
    User,
)
from livinglab.models.accounts import HOST_ROLES
from livinglab.models.base import utcnow
from livinglab.services import demo_results, inbox, monitoring, replications, targets


def _snapshot():
    return (
        db.session.scalar(select(func.count(SigningEvent.id))),
        db.session.scalar(select(func.count(StudyVisit.id))),
        db.session.scalar(select(func.count(Commitment.id))),
        db.session.scalar(select(func.count(MilestoneUpdate.id))),
        db.session.scalar(select(func.count(Evaluation.id))),
        tuple(db.session.scalars(select(Region.code).join(Commitment.region).order_by(Region.code))),
    )


def _seed(runner, today):
    result = runner.invoke(args=["seed", "demo", "--today", today.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def _figures(today):
    """The overview as the host reads it on `today`, without database ids."""
    rows, _catalogue = monitoring.overview_rows(policy.SYSTEM, today=today)
    return sorted(
        ({k: v for k, v in row.items() if k not in ("commitment_id", "event_id")} for row in rows),
        key=lambda row: row["region_code"],
    )


def _check_alive(app, today, years):
    """What makes the demo look alive on `today`; returns the overview rows."""
    host = app.config["HOST_REGION_CODE"]
    signatories = set(db.session.scalars(select(Commitment.region_id)))
    assert len(signatories) == 62
    assert not db.session.scalar(
        select(func.count(Commitment.id)).join(Commitment.region).where(Region.code == host)
    ), "the host region is no adopter"
    results = db.session.execute(select(Evaluation.region_id, Evaluation.year, Evaluation.source)).all()
    assert {year for _region, year, _source in results} == set(years)
    assert {(region, year) for region, year, _source in results} == {(r, y) for r in signatories for y in years}
    assert all(source.endswith("(demo)") for _region, _year, source in results)
    with_levels = db.session.scalar(select(func.count(Evaluation.id)).where(Evaluation.levels.any()))
    assert len(results) > with_levels > len(results) // 2, "levels for most regions, the index alone for a few"

    rows = _figures(today)
    assert len(rows) == 62
    assert any(row["stalled"] for row in rows), "some regions stalled"
    assert any(row["late_review"] for row in rows), "some reviews wait past VERIFY_SLA_DAYS"
    assert any(row["waiting"] and not row["late_review"] for row in rows), "some reviews wait within the SLA"
    recent = [row for row in rows if row["days_since_update"] is not None and row["days_since_update"] <= 30]
    assert len(recent) >= 20, "updates in the last weeks"
    assert all(row["last_update"] is None or row["last_update"].date() <= today for row in rows)
    assert any(row["change"] for row in rows), "verifications after the latest official result move the estimate"
    raw, _catalogue = monitoring.overview_rows(policy.SYSTEM, today=today)
    reached = [s for s in targets.overview_targets(policy.SYSTEM, raw).values() if s and s.reached]
    assert reached, "some regions at their 3.50 target"
    assert len(reached) < 62

    four = db.session.execute(
        select(Milestone, MilestoneUpdate.at)
        .join(MilestoneUpdate, MilestoneUpdate.milestone_id == Milestone.id)
        .where(Milestone.verified_level >= 4, MilestoneUpdate.action.in_(monitoring.VERIFY_ACTIONS))
    ).all()
    assert four
    for milestone, at in four:
        day = periods.local(at, milestone.commitment.region.timezone).date()
        evidence = [(item.kind, item.enacted_on) for item in milestone.evidence]
        assert evidence_rules.shortfall(milestone.verified_level, evidence, day) is None, (milestone.id, evidence)
    return rows


def test_demo_is_alive_labelled_and_the_same_for_the_same_day(app, runner, database):
    today = date(2026, 11, 30)
    first = _seed(runner, today)
    assert "demo password for all demo accounts" in first
    events, visits, commitments, updates, results, regions = _snapshot()
    assert (events, visits, commitments, results) == (3, 52 + 8, 62, 62 * 4), "52 regions, 5 agencies, 3 others"
    kinds = db.session.execute(select(StudyVisit.visitor_kind, func.count()).group_by(StudyVisit.visitor_kind))
    assert dict(kinds.all()) == {"region": 52, "agency": 5, "organisation": 3}
    assert sum(code.startswith("32.") for code in regions) == 26, "all of Jawa Barat but the host"
    assert updates > 0
    assert "Jakarta" in db.session.scalar(select(SigningEvent.place).order_by(SigningEvent.date))
    assert all("(demo)" in c.signatory_name for c in db.session.scalars(select(Commitment)))
    targets_set = {(str(e.target_index), e.target_year) for e in db.session.scalars(select(SigningEvent))}
    assert targets_set == {("3.50", 2025)}, "the 2022 rounds aimed at 3.5 by 2025"
    assert {(str(c.target_index), c.target_year) for c in db.session.scalars(select(Commitment))} == {("3.50", 2025)}
    assert db.session.scalar(select(func.count(User.id)).where(User.email.like("%@demo.livinglab.id"))) == 4
    bandung = ("HOST-ESKM", "HOST-APIKS", "HOST-SABUK-MAS")
    assert not db.session.scalar(select(func.count(Practice.id)).where(Practice.code.in_(bandung))), (
        "e-SKM, APIKS and Sabuk Mas are no host practices"
    )
    assert {
        i.code: i.originator_region.code for i in db.session.scalars(select(Innovation)) if i.originator_region
    } == {
        "BDG-ESKM": "32.04",
        "BDG-APIKS": "32.04",
        "BDG-SABUK-MAS": "32.04",
    }
    soreang = db.session.scalars(select(Replication).where(Replication.signed_on == date(2020, 9, 10))).all()
    assert {r.innovation.code for r in soreang} == {"BDG-ESKM", "BDG-APIKS", "BDG-SABUK-MAS"}
    assert len({replications.stage_of(r) for r in soreang}) == len(soreang), "adopters at different stages"
    assert all(r.region.code != "32.11" for r in soreang)
    assert all(
        u.actor.region.code == "32.04" for r in soreang for s in r.stages for u in s.updates if u.action == "verify"
    ), "Kabupaten Bandung's officer verifies its innovation's replication"
    tulungagung = db.session.scalar(select(Replication).join(Replication.region).where(Region.code == "35.04"))
    meeting = tulungagung.stages[1]
    assert meeting.name == "Rapat koordinasi persiapan" and meeting.status == "verified"
    assert meeting.updates[0].at.date() == date(2018, 7, 25) > tulungagung.stages[0].updates[0].at.date()
    assert "25 Juli 2018" in meeting.updates[0].note
    rows = _check_alive(app, today, [2022, 2023, 2024, 2025])
    assert db.session.scalar(select(func.count(Milestone.id)).where(Milestone.verified_level == 5)), "level 5 too"

    again = runner.invoke(args=["seed", "demo", "--today", today.isoformat()])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert _snapshot() == (events, visits, commitments, updates, results, regions)

    delete_added_rows(database)  # the demo goes, as from a fresh database
    _seed(runner, today)
    assert _figures(today) == rows, "the same day gives the same figures"


def _inbox_counts_only_what_still_waits():
    """No "new submission" item about a milestone since decided is left open, and a host user's
    unread count is what waits for the host."""
    settled_but_open = db.session.scalar(
        select(func.count(InboxItem.id))
        .join(Milestone, Milestone.id == InboxItem.milestone_id)
        .where(
            InboxItem.kind == "milestone_submitted",
            InboxItem.done_at.is_(None),
            Milestone.status != "submitted",
        )
    )
    assert settled_but_open == 0
    waiting = db.session.scalar(select(func.count(Milestone.id)).where(Milestone.status == "submitted"))
    assert waiting > 0
    for user in db.session.scalars(select(User).where(User.role.in_(HOST_ROLES))):
        assert inbox.unread_count(user) == waiting, user.email


def test_demo_lives_on_another_day_with_a_coherent_inbox(app, runner):
    today = date(2027, 6, 15)
    _seed(runner, today)
    _check_alive(app, today, [2022, 2023, 2024, 2025])
    _inbox_counts_only_what_still_waits()


@pytest.mark.parametrize(
    ("today", "years"),
    [(date(2026, 2, 28), [2022, 2023, 2024]), (date(2026, 3, 1), [2022, 2023, 2024, 2025])],
)
def test_a_year_counts_from_1_march_after_it(today, years):
    assert demo_results.published_years(today) == years
    assert demo_results.published_years(today - timedelta(days=4 * 365)) == [], "none before 1 March 2023"


def test_without_a_date_the_demo_is_built_for_today(runner):
    before = periods.local(utcnow(), "WIB").date()
    result = runner.invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    after = periods.local(utcnow(), "WIB").date()
    assert f"as of {before.isoformat()}" in result.output or f"as of {after.isoformat()}" in result.output


def test_national_scale_data_keeps_verified_meaning_done(runner):
    result = runner.invoke(args=["seed", "demo", "--scale", "national", "--regions", "3"])
    assert result.exit_code == 0, result.output
    verified = db.session.execute(
        select(Milestone.verified_level, Milestone.target_level).where(Milestone.status == "verified")
    ).all()
    assert verified and all(level >= target for level, target in verified), "verified is done: at or above target"
    assert db.session.scalar(
        select(func.count(Milestone.id)).where(Milestone.status != "verified", Milestone.verified_level.is_not(None))
    ), "below-target verifications stay open with their level"
