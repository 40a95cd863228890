"""Deterministic, clearly-labelled demo data for `make run` and manual testing."""

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import User
from livinglab.services import accounts

DEMO_PASSWORD = "demo-livinglab-2022"

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


def seed_demo():
    """Create the demo accounts that do not exist yet; returns lines to print."""
    lines = []
    existing = set(db.session.scalars(select(User.email)))
    for spec in DEMO_USERS:
        if spec["email"] in existing:
            lines.append(f"demo account exists: {spec['email']} ({spec['role']})")
            continue
        accounts.create_user(None, password=DEMO_PASSWORD, **spec)
        lines.append(f"demo account created: {spec['email']} ({spec['role']})")
    lines.append(f"demo password for all demo accounts: {DEMO_PASSWORD}")
    return lines
