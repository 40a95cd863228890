"""The innovation page maps its adopters by stage (server-side SVG of the provinces concerned, no
tiles), marks the originating region, and lists the same facts in a table for screen readers."""

import re
from datetime import date

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Innovation
from livinglab.reporting import innovation_map
from livinglab.services import innovations, replications


def _eskm():
    return db.session.scalar(select(Innovation).where(Innovation.code == "BDG-ESKM"))


def _fill(svg, code):
    return re.search(rf'<path d="[^"]*" fill="(#[0-9a-f]{{6}})" [^>]*data-code="{re.escape(code)}"', svg).group(1)


def test_adopters_are_coloured_by_stage_and_the_originator_is_marked(login_as, make_user):
    admin = make_user("host_admin")
    eskm = _eskm()
    garut = replications.create_replication(admin, innovation_id=eskm.id, region="32.05", signed_on=date(2020, 9, 10))
    replications.create_replication(admin, innovation_id=eskm.id, region="35.04", signed_on=date(2018, 7, 25))
    stage = garut.stages[0]
    replications.move_stage(admin, stage.id, status="submitted")
    replications.decide_stage(admin, stage.id, decision="verify")

    page = login_as("ministry_viewer", locale="en").get(f"/innovations/{eskm.id}").get_data(as_text=True)
    svg = page[page.index('data-testid="adopter-map"') : page.index("</svg>")]
    assert 'role="img"' in svg and "Adopters of e-SKM" in svg and "<script" not in svg
    assert _fill(svg, "32.05") == innovation_map.stage_colour(2)  # Garut: second stage
    assert _fill(svg, "35.04") == innovation_map.stage_colour(1)  # Tulungagung: first stage
    assert _fill(svg, "32.04") == innovation_map.ORIGINATOR_COLOUR  # Bandung originated it
    assert "Kabupaten Bandung: originator" in svg
    assert "2. Rapat koordinasi persiapan" in svg and "1. Komitmen" in svg and "Not taking part" in svg
    assert 'data-code="33.01"' not in svg, "only the provinces concerned are drawn"
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", ""), "nothing fetched from elsewhere"

    table = page[page.index('data-testid="adopters"') :]
    table = table[: table.index("</table>")]
    assert "Originator and adopters of" in table
    assert "Kabupaten Bandung</td><td>—</td><td><strong>Originator</strong>" in table.replace("\n      ", "")
    assert "2. Rapat koordinasi persiapan" in table and "Kabupaten Tulungagung" in table


def test_a_completed_replication_has_its_own_colour_and_the_indonesian_legend(login_as, make_user):
    admin = make_user("host_admin")
    short = innovations.create_innovation(
        admin,
        code="TEST-MAP",
        name="Uji peta",
        originator={"kind": "agency", "code": "kemendagri"},
        type="other",
        stages=["Komitmen"],
    )
    replication = replications.create_replication(admin, innovation_id=short.id, region="32.05")
    replications.move_stage(admin, replication.stages[0].id, status="submitted")
    replications.decide_stage(admin, replication.stages[0].id, decision="verify")

    page = login_as("host_staff").get(f"/innovations/{short.id}").get_data(as_text=True)
    svg = page[page.index('data-testid="adopter-map"') : page.index("</svg>")]
    assert _fill(svg, "32.05") == innovation_map.COMPLETED_COLOUR
    assert innovation_map.ORIGINATOR_COLOUR not in svg, "an agency has no shape to mark"
    assert "Tidak ikut serta" in svg


def test_no_map_while_no_region_takes_part(login_as, make_user):
    lonely = innovations.create_innovation(
        make_user("host_admin"),
        code="TEST-NOMAP",
        name="Tanpa peta",
        originator={"kind": "agency", "code": "bssn"},
        type="other",
    )
    page = login_as("host_staff", locale="en").get(f"/innovations/{lonely.id}").get_data(as_text=True)
    assert 'data-testid="adopter-map"' not in page and "No region replicates this innovation yet." in page
