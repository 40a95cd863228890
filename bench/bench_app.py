"""The app the bench scripts measure: a throwaway database with regions, catalogue and demo data."""

import flask_migrate

from livinglab import create_app
from livinglab.services import demo, seeding


def demo_app(url, workdir, **overrides):
    """An app on `url`, migrated and seeded like `make run`; files go under `workdir`."""
    app = create_app(
        {
            "SECRET_KEY": "bench-secret-key-0123456789abcdef0123",
            "SQLALCHEMY_DATABASE_URI": url,
            "MAIL_URL": f"file:{workdir}/outbox",
            "UPLOAD_FOLDER": f"{workdir}/uploads",
            **overrides,
        }
    )
    with app.app_context():
        flask_migrate.upgrade()
        seeding.seed_regions()
        seeding.seed_agencies()
        seeding.seed_catalogue()
        demo.seed_demo()
    return app
