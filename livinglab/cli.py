"""The `livinglab` command: Flask's CLI with the app loaded, plus the project's groups.

Errors print one clear line and exit non-zero.
"""

import re
from datetime import timedelta

import click
from flask.cli import FlaskGroup, with_appcontext

from livinglab.errors import DomainError
from livinglab.models.accounts import LOCALES, ROLES


def _fail_on_domain_error(func):
    """Turn a service's DomainError into `Error: <message>` and exit code 1."""
    from functools import wraps

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except DomainError as error:
            raise click.ClickException(error.message) from None

    return wrapper


@click.group(help="Load reference and demo data (idempotent).")
def seed():
    pass


@seed.command("regions", help="Load the 552 official regions and the central agencies from seeds/.")
@with_appcontext
def seed_regions():
    from livinglab.services import seeding

    click.echo(str(seeding.seed_regions()))
    click.echo(str(seeding.seed_agencies()))


@seed.command("catalogue", help="Load the practice catalogue (SPBE indicators, host practices), innovation registry.")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False), help="Load only this framework JSON.")
@with_appcontext
def seed_catalogue(path):
    from livinglab.services import seeding

    try:
        click.echo(str(seeding.seed_catalogue(path)))
    except (ValueError, KeyError) as error:
        raise click.ClickException(f"catalogue not loaded: {error}") from None


@seed.command("demo", help="Create the clearly-labelled demo data: accounts, the 2022 rounds, 62 signatories.")
@click.option(
    "--scale",
    type=click.Choice(["demo", "national"]),
    default="demo",
    show_default=True,
    help="national: also every region with a 47-milestone commitment and ~10 updates each (benchmarks).",
)
@click.option("--regions", type=click.IntRange(1, 552), help="With --scale national: stop at this many regions.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day the demo looks alive on (YYYY-MM-DD); default today on the WIB clock. Same day, same data.",
)
@with_appcontext
@_fail_on_domain_error
def seed_demo(scale, regions, today):
    from livinglab.services import demo, national_demo

    today = today.date() if today else None
    for line in demo.seed_demo(today=today):
        click.echo(line)
    if scale == "national":
        for line in national_demo.seed_national(limit=regions, today=today):
            click.echo(line)


@click.group(help="Manage user accounts.")
def users():
    pass


@users.command("create", help="Create an account.")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--region", "region", help="Region code (required for region_officer), e.g. 32.04")
@click.option("--agency", help="Agency code or name for ministry_viewer, e.g. Kemendagri")
@click.option("--locale", default="id", type=click.Choice(LOCALES), show_default=True)
@click.option("--password", required=True, help="At least 12 characters, not one of the most common passwords.")
@click.option(
    "--reminder-contact/--no-reminder-contact",
    default=True,
    show_default=True,
    help="A region officer also becomes a reminder contact of the region (role officer).",
)
@with_appcontext
@_fail_on_domain_error
def users_create(email, name, role, region, agency, locale, password, reminder_contact):
    from livinglab.services import accounts

    user = accounts.create_user(
        None,
        email=email,
        name=name,
        role=role,
        password=password,
        region=region,
        agency=agency,
        locale=locale,
        reminder_contact=reminder_contact,
    )
    where = f" ({user.region.code} {user.region.name})" if user.region else ""
    click.echo(f"Created {user.role} {user.email}{where}")


@click.group(help="API bearer tokens.")
def tokens():
    pass


_DURATION = re.compile(r"^([1-9][0-9]{0,4})([hdw])$")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def _duration(ctx, param, value):
    """`90d`, `12h`, `2w` → a timedelta (None when not given)."""
    if value is None:
        return None
    match = _DURATION.match(value.strip().lower())
    if not match:
        raise click.ClickException(f"--expires-in {value!r} is not a duration such as 12h, 90d or 2w")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


@tokens.command("create", help="Create a token for EMAIL; the token is printed once, on the last line.")
@click.argument("email")
@click.option("--name", default="cli", show_default=True, help="A label to recognise the token by.")
@click.option("--expires-in", callback=_duration, help="Stop working after this long: 12h, 90d, 2w (default: never).")
@with_appcontext
@_fail_on_domain_error
def tokens_create(email, name, expires_in):
    from livinglab.services import accounts

    token, raw = accounts.create_token(email, name, expires_in=expires_in)
    until = f", valid until {token.expires_at.isoformat(timespec='minutes')}" if token.expires_at else ""
    click.echo(f"Token {token.id} ({token.name}) for {token.user.email}{until}; store it now, it is not shown again:")
    click.echo(raw)


@tokens.command("list", help="List tokens (optionally of one account) with their state and expiry.")
@click.argument("email", required=False)
@with_appcontext
def tokens_list(email):
    from livinglab.models.base import utcnow
    from livinglab.services import accounts

    now = utcnow()
    for token in accounts.list_tokens(email):
        expired = token.expires_at is not None and token.expires_at <= now
        state = "revoked" if token.revoked_at else "expired" if expired else "active"
        expires = f"expires {token.expires_at.isoformat(timespec='minutes')}" if token.expires_at else "never expires"
        used = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "never"
        fields = (token.id, f"{token.prefix}…", token.user.email, token.name, state, expires, f"last used {used}")
        click.echo("\t".join(str(field) for field in fields))


@tokens.command("revoke", help="Revoke the token with id TOKEN_ID.")
@click.argument("token_id", type=int)
@with_appcontext
@_fail_on_domain_error
def tokens_revoke(token_id):
    from livinglab.services import accounts

    token = accounts.revoke_token(token_id)
    click.echo(f"Token {token.id} ({token.name}) of {token.user.email} is revoked.")


@click.group(help="Write PDF status reports.")
def reports():
    pass


def _write_report(output, render):
    from livinglab.errors import DomainError

    try:
        data = render()
    except DomainError as error:
        raise click.ClickException(error.message) from None
    with click.open_file(output, "wb") as handle:
        handle.write(data)
    if output != "-":
        click.echo(f"Wrote {output} ({len(data) // 1024} KB)", err=True)


_OUTPUT = click.option("-o", "--output", required=True, help="The PDF file to write ('-' for standard output).")
_LOCALE = click.option("--locale", type=click.Choice(LOCALES), default="id", show_default=True)


@reports.command("region", help="The status report of the region with official CODE, e.g. 32.04.")
@click.argument("code")
@_OUTPUT
@_LOCALE
@with_appcontext
def reports_region(code, output, locale):
    from livinglab import policy
    from livinglab.services import reports as service

    _write_report(output, lambda: service.region_report(policy.SYSTEM, service.find_region(code), locale=locale))


@reports.command("national", help="The national summary for ministries.")
@_OUTPUT
@_LOCALE
@with_appcontext
def reports_national(output, locale):
    from livinglab import policy
    from livinglab.services import reports as service

    _write_report(output, lambda: service.national_report(policy.SYSTEM, locale=locale))


@reports.command("event", help="All signatories of the signing event with id EVENT_ID and their progress.")
@click.argument("event_id", type=int)
@_OUTPUT
@_LOCALE
@with_appcontext
def reports_event(event_id, output, locale):
    from livinglab import policy
    from livinglab.services import reports as service

    _write_report(output, lambda: service.event_report(policy.SYSTEM, event_id, locale=locale))


@click.group(help="Progress reminders and their outbox.")
def reminders():
    pass


@reminders.command("send", help="Run the reminder jobs once: enqueue what is due, then deliver the outbox.")
@click.option("--dry-run", is_flag=True, help="Only print what would be enqueued; write and send nothing.")
@click.option("--at", "at", help="Pretend it is this moment (ISO 8601, UTC unless an offset is given).")
@click.option(
    "--kind",
    type=click.Choice(["weekly_digest", "escalation_letter", "monthly_summary", "review_backlog"]),
    multiple=True,
)
@with_appcontext
def reminders_send(dry_run, at, kind):
    from datetime import UTC, datetime

    from flask import current_app

    from livinglab import jobs
    from livinglab.services import reminders as service

    try:
        moment = datetime.fromisoformat(at) if at else datetime.now(UTC)
    except ValueError:
        raise click.ClickException(f"--at is not an ISO date-time: {at}") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if dry_run:
        planned = service.plan(moment, kind or None)
        for item in planned:
            click.echo(str(item))
        click.echo(f"{len(planned)} message(s) due at {moment.isoformat(timespec='minutes')} (dry run: nothing sent)")
        return
    result = jobs.run_once(current_app._get_current_object(), moment, kind or None)
    click.echo(", ".join(f"{key}: {value}" for key, value in result.items()))


@click.group(help="Official SPBE evaluation results.")
def evaluations():
    pass


@evaluations.command("import", help="Load official results from an XLSX or CSV FILE (one row per region).")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, help="The evaluation year of every row without its own.")
@click.option("--source", help='The decree of every row without its own, e.g. "KepmenPANRB 13/2024".')
@click.option("--evaluated-on", type=click.DateTime(formats=["%Y-%m-%d"]), help="The decree's date (YYYY-MM-DD).")
@click.option("--dry-run", is_flag=True, help="Check and report; save nothing.")
@with_appcontext
@_fail_on_domain_error
def evaluations_import(path, year, source, evaluated_on, dry_run):
    from livinglab import policy
    from livinglab.services import evaluations as service

    with open(path, "rb") as handle:
        data = handle.read()
    report = service.import_file(
        policy.SYSTEM,
        data,
        year=year,
        source=source,
        evaluated_on=evaluated_on.date() if evaluated_on else None,
        dry_run=dry_run,
    )
    for row in report.rows:
        index = "—" if row.index is None else f"{row.index:.2f}"
        name = f"{row.subject} {row.region_name or ''}".strip()
        fields = (f"row {row.row}", name, row.year or "—", index, row.predicate or "—", row.outcome, row.message)
        click.echo("\t".join(str(field) for field in fields))
    counts = ", ".join(f"{key}: {value}" for key, value in report.counts.items())
    if report.rejected or not report.rows:
        raise click.ClickException(f"{counts}. Nothing was saved.")
    if dry_run:
        click.echo(f"{counts} (dry run: nothing saved)")
    elif report.saved:
        click.echo(f"{counts}. Saved.")
    else:
        click.echo(f"{counts}. Nothing to change.")


@click.group(help="Commitments of adopting regions.")
def commitments():
    pass


@commitments.command("import", help="Import signatories' commitments from an XLSX or CSV FILE (see README).")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show each row's match and check; save nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as the API returns it.")
@with_appcontext
@_fail_on_domain_error
def commitments_import(path, dry_run, as_json):
    import json

    from livinglab import policy
    from livinglab.services import commitment_import

    with open(path, "rb") as handle:
        report = commitment_import.import_commitments(policy.SYSTEM, handle.read(), path, dry_run=dry_run)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for row in report.as_dict()["rows"]:
            match = f"{row['region']} {row['region_name']} ({row['score']:.0f})" if row["region"] else "—"
            options = "; ".join(f"{c['code']} {c['name']}" for c in row["candidates"])
            fields = (f"row {row['row']}", row["status"], match, row["reason"], options)
            click.echo("\t".join(field for field in fields if field))
    counts = f"{len(report.rows)} rows: {len(report.rows) - len(report.ambiguous) - len(report.rejected)} ok, "
    counts += f"{len(report.ambiguous)} ambiguous, {len(report.rejected)} rejected"
    if not report.all_ok:
        raise click.ClickException(f"{counts}. Nothing was saved.")
    click.echo(f"{counts} (dry run: nothing saved)" if dry_run else f"{counts}. {report.created} commitments saved.")


@click.group(help="The maintained national figures (one summary row per commitment).")
def summaries():
    pass


@summaries.command("rebuild", help="Recompute every commitment summary (after db upgrade or a direct SQL change).")
@with_appcontext
def summaries_rebuild():
    from livinglab.services import summaries as service

    click.echo(f"{service.rebuild()} commitment summaries rebuilt")


@click.command("scheduler", help="Run the single reminder scheduler (waits while another one holds the lock).")
@click.option("--no-wait", is_flag=True, help="Exit with an error instead of waiting for the lock.")
@with_appcontext
def scheduler(no_wait):
    from flask import current_app

    from livinglab import jobs, structured_log

    structured_log.configure(current_app.config["LOG_FORMAT"])
    if not jobs.run_scheduler(current_app._get_current_object(), wait=not no_wait):
        raise click.ClickException("another scheduler holds the lock; exiting")


@click.command("backup", help="Copy the SQLite database to FILE while the app runs, and verify the copy.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The backup file to write.")
@with_appcontext
@_fail_on_domain_error
def backup(output):
    from livinglab.services import backups

    click.echo(f"Backed up and verified {backups.backup(output).describe()}")


@click.command("restore", help="Replace the database's content with the verified backup FILE.")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
@_fail_on_domain_error
def restore(path, yes):
    from livinglab.services import backups

    click.echo(f"Checked {backups.verify(path).describe()}")
    if not yes:
        click.confirm("Replace the current database with this backup? Stop the web and scheduler first", abort=True)
    summary, saved = backups.restore(path)
    click.echo(f"Restored and verified {summary.describe()}")
    click.echo(f"The previous content is kept in {saved}")


def register(app):
    app.cli.add_command(scheduler)
    app.cli.add_command(backup)
    app.cli.add_command(restore)
    for group in (seed, users, tokens, reports, reminders, evaluations, summaries, commitments):
        app.cli.add_command(group)


def _create_app():
    from livinglab import create_app
    from livinglab.config import ConfigError

    try:
        return create_app()
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


cli = FlaskGroup(create_app=_create_app, help="Living Lab SPBE: commands for operators.")


def main():
    cli.main(prog_name="livinglab")
