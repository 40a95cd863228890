"""Period keys and Monday 08:00 local time across WIB, WITA and WIT."""

from datetime import UTC, datetime

from livinglab.domain.periods import daily_period, local, monthly_period, week_key, weekly_period


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_local_time_by_zone():
    moment = at("2026-11-23T00:30:00")
    assert local(moment, "WIB").hour == 7 and local(moment, "WITA").hour == 8 and local(moment, "WIT").hour == 9


def test_weekly_digest_is_due_from_monday_0800_local():
    # Monday 23 Nov 2026, 00:30 UTC = 07:30 WIB, 08:30 WITA, 09:30 WIT
    moment = at("2026-11-23T00:30:00")
    assert weekly_period(moment, "WIB") is None
    assert weekly_period(moment, "WITA") == "2026-W48"
    assert weekly_period(moment, "WIT") == "2026-W48"
    assert weekly_period(at("2026-11-23T01:00:00"), "WIB") == "2026-W48"
    # later in the week it is still that week's digest (catch-up after downtime)
    assert weekly_period(at("2026-11-27T12:00:00"), "WIB") == "2026-W48"
    # Sunday evening WIB still belongs to the previous week
    assert weekly_period(at("2026-11-22T15:00:00"), "WIB") == "2026-W47"


def test_week_keys_at_year_boundaries():
    assert week_key(datetime(2026, 12, 31).date()) == "2026-W53"
    assert week_key(datetime(2027, 1, 4).date()) == "2027-W01"


def test_monthly_and_daily():
    assert monthly_period(at("2026-11-30T23:00:00")) is None  # 06:00 WIB on 1 Dec: not yet
    assert monthly_period(at("2026-12-01T00:59:00")) is None
    assert monthly_period(at("2026-12-01T01:00:00")) == "2026-12"
    assert daily_period(at("2026-11-25T00:00:00"), "WIB") is None
    assert daily_period(at("2026-11-25T02:00:00"), "WIB") == "2026-W48"
