"""Replication progress where people look for it: the originating region's page counts the regions
adopting its innovations and those that completed every stage."""

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Innovation
from livinglab.services import innovations, replications


def test_the_originators_region_page_counts_adopters_and_completions(login_as, make_user):
    admin = make_user("host_admin")
    eskm = db.session.scalar(select(Innovation).where(Innovation.code == "BDG-ESKM"))
    replications.create_replication(admin, innovation_id=eskm.id, region="32.05")
    quick = innovations.create_innovation(
        admin,
        code="BDG-KILAT",
        name="Layanan Kilat",
        originator={"kind": "region", "code": "32.04"},
        type="public_service",
        stages=["Komitmen"],
    )
    done = replications.create_replication(admin, innovation_id=quick.id, region="35.04")
    replications.move_stage(admin, done.stages[0].id, status="submitted")
    replications.decide_stage(admin, done.stages[0].id, decision="verify")

    page = login_as("ministry_viewer", locale="en").get("/regions/32.04").get_data(as_text=True)
    section = page[page.index('data-testid="region-originated"') :]
    section = " ".join(section[: section.index("</section>")].split())
    assert "Innovations originated here" in section
    assert "Layanan Kilat</a>: 1 adopting region, 1 completed" in section
    assert "e-SKM (Survei Kepuasan Masyarakat elektronik)</a>: 1 adopting region, 0 completed" in section
    assert "Sabuk Mas" in section and "0 adopting regions" in section

    garut = login_as("host_staff", locale="en").get("/regions/32.05").get_data(as_text=True)
    assert 'data-testid="region-originated"' not in garut and "Innovations replicated" in garut
