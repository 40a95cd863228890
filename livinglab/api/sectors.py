"""GET and PUT /api/v1/regions/{code}/sectors: the sectors a region names for indicators 45–47."""

from flask import request
from flask_login import current_user
from flask_smorest import Blueprint

from livinglab.services import sectors
from livinglab.services.regions import get_region
from livinglab.web.access import requires

blp = Blueprint("api_sectors", __name__, url_prefix="/api/v1", description="Sectors of indicators 45–47")

SECTORS_BODY = {
    "type": "object",
    "additionalProperties": {"type": "string", "maxLength": 80, "nullable": True},
    "example": {"SPBE-45": "Kesehatan", "SPBE-46": "Pendidikan", "SPBE-47": None},
}


def _answer(named):
    return {p.code: named.get(p.code) for p in sectors.sector_indicators()}


@blp.route("/regions/<string:code>/sectors", methods=["GET"])
@requires("commitments.view")
@blp.doc(responses={"200": {"content": {"application/json": {"schema": SECTORS_BODY}}}})
def show(code):
    """Sector named for each of indicators 45–47 (null: not named yet). Region officers: their own region."""
    region = get_region(code)
    return _answer(sectors.labels(current_user, region))


@blp.route("/regions/<string:code>/sectors", methods=["PUT"])
@requires("sectors.manage")
@blp.doc(
    requestBody={"required": True, "content": {"application/json": {"schema": SECTORS_BODY}}},
    responses={"200": {"content": {"application/json": {"schema": SECTORS_BODY}}}},
)
def replace(code):
    """Replace the region's sectors: indicators left out, empty or null have none. Any other key: 422."""
    region = get_region(code)
    return _answer(sectors.update(current_user, region, request.get_json(silent=True)))
