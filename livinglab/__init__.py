"""Living Lab: follow-up of SPBE study visits and signed commitments.

`create_app` is the only place that imports every area; nothing is built at import time.
"""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from livinglab import config as settings
from livinglab import structured_log
from livinglab.config import INSTANCE_PATH, PROJECT_ROOT
from livinglab.web import converters


def create_app(config=None):
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(INSTANCE_PATH),
    )
    app.config.update(settings.DEFAULTS)
    app.config.update(settings.from_environment())
    app.config.update(config or {})
    settings.finalize(app.config)
    INSTANCE_PATH.mkdir(exist_ok=True)

    structured_log.register(app)  # first, so every other hook already has the request id
    _register_extensions(app)
    converters.register(app)
    _register_blueprints(app)
    _register_request_handling(app)
    _register_commands(app)
    _register_template_helpers(app)
    return app


def _register_extensions(app):
    from livinglab import i18n, labels
    from livinglab.extensions import babel, csrf, db, login_manager, migrate
    from livinglab.services import summaries
    from livinglab.web import access  # noqa: F401  (registers the user loaders)
    from livinglab.web.limits import limiter
    from livinglab.web.sessions import PageSessionInterface

    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    app.session_interface = PageSessionInterface()
    db.init_app(app)
    summaries.listen()
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    limiter.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "strong"
    i18n.register(app)
    labels.register(app)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """WAL and foreign keys for every SQLite connection (the busy timeout is a connect argument)."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _register_blueprints(app):
    from livinglab.api import init_api
    from livinglab.web.admin import views as admin
    from livinglab.web.audit import views as audit
    from livinglab.web.auth import views as auth
    from livinglab.web.catalogue import views as catalogue
    from livinglab.web.commitments import views as commitments
    from livinglab.web.dashboard import views as dashboard
    from livinglab.web.evaluations import views as evaluations
    from livinglab.web.events import views as events
    from livinglab.web.inbox import views as inbox
    from livinglab.web.innovations import views as innovations
    from livinglab.web.library import views as library
    from livinglab.web.milestones import views as milestones
    from livinglab.web.monitoring import views as monitoring
    from livinglab.web.opds import views as opds
    from livinglab.web.operations import views as operations
    from livinglab.web.public import views as public
    from livinglab.web.reminders import views as reminders
    from livinglab.web.replanning import views as replanning
    from livinglab.web.sectors import views as sectors
    from livinglab.web.visits import views as visits

    for area in (
        auth,
        dashboard,
        admin,
        audit,
        catalogue,
        visits,
        events,
        commitments,
        evaluations,
        milestones,
        sectors,
        inbox,
        monitoring,
        public,
        reminders,
        operations,
        replanning,
        library,
        opds,
        innovations,
    ):
        app.register_blueprint(area.bp)
    init_api(app)

    from livinglab import policy
    from livinglab.web.access import declare

    declare(app, "static", policy.PUBLIC)


def _register_request_handling(app):
    from livinglab.web import errors, input_guard, security, transfer

    errors.register(app)
    input_guard.register(app)
    security.register(app)
    transfer.register(app)


def _register_commands(app):
    from livinglab import cli

    cli.register(app)


def _register_template_helpers(app):
    from flask_login import current_user

    from livinglab import policy
    from livinglab.domain import milestone_states, scoring
    from livinglab.services import inbox
    from livinglab.web import navigation

    navigation.register(app)
    # `m is done`, `m is below_target`, `m is overdue(today)`: templates ask the domain's one rule.
    app.jinja_env.tests.update(
        done=lambda m: milestone_states.is_done(m.status),
        below_target=lambda m: milestone_states.is_below_target(m.status, m.verified_level, m.target_level),
        overdue=lambda m, today: scoring.is_overdue(m.due_date, m.status, today),
    )

    @app.context_processor
    def inject_policy():
        return {
            "can": lambda permission: policy.can(current_user, permission),
            "unread_count": lambda: inbox.unread_count(current_user) if current_user.is_authenticated else 0,
        }
