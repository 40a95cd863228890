"""Period keys and local send times for reminders (Indonesia has no daylight saving time)."""

from datetime import UTC, datetime, time, timedelta

from livinglab.domain.regions import UTC_OFFSETS

SEND_HOUR = 8


def local(at, zone):
    """The wall-clock time in WIB/WITA/WIT for an aware UTC datetime, as a naive datetime."""
    return (at.astimezone(UTC) + timedelta(hours=UTC_OFFSETS[zone])).replace(tzinfo=None)


def week_key(day):
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_key(day):
    return f"{day.year}-{day.month:02d}"


def weekly_period(at, zone):
    """The ISO week whose digest is due at `at`: from Monday 08:00 local time on; None before."""
    now = local(at, zone)
    monday = now.date() - timedelta(days=now.weekday())
    if now < datetime.combine(monday, time(SEND_HOUR)):
        return None
    return week_key(now.date())


def daily_period(at, zone):
    """For the daily scan: the ISO week of the local day once it is past 08:00, else None.

    Escalations are keyed by week, so a region hears about the same overdue work at most weekly.
    """
    now = local(at, zone)
    if now.time() < time(SEND_HOUR):
        return None
    return week_key(now.date())


def monthly_period(at, zone="WIB"):
    """The month whose summary is due: from the 1st at 08:00 local time on."""
    now = local(at, zone)
    if now < datetime.combine(now.date().replace(day=1), time(SEND_HOUR)):
        return None
    return month_key(now.date())


def week_start(at, zone):
    """The local Monday of the week `at` falls in: the day a weekly message's content is for."""
    day = local(at, zone).date()
    return day - timedelta(days=day.weekday())


def month_start(at, zone="WIB"):
    """The local first day of the month `at` falls in: the day a monthly message's content is for."""
    return local(at, zone).date().replace(day=1)


def scheduled_moment(day, zone):
    """08:00 local time on `day`, as an aware UTC datetime."""
    return datetime.combine(day, time(SEND_HOUR), tzinfo=UTC) - timedelta(hours=UTC_OFFSETS[zone])
