"""GET /api/v1/practices: the practice catalogue."""

import marshmallow as ma
from flask_babel import gettext as _
from flask_smorest import Blueprint
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from livinglab.api.schemas import PageArgs, page_schema, paginate
from livinglab.errors import NotFound
from livinglab.extensions import db
from livinglab.models import Framework, Practice
from livinglab.web.access import requires

blp = Blueprint("api_practices", __name__, url_prefix="/api/v1/practices", description="Practice catalogue")


class PracticeSchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"example": "SPBE-01"})
    framework = ma.fields.Function(lambda p: p.framework.code, metadata={"example": "spbe-2020"})
    domain = ma.fields.Function(lambda p: p.domain.code if p.domain else None, allow_none=True)
    aspect = ma.fields.Function(lambda p: p.aspect.code if p.aspect else None, allow_none=True)
    weight = ma.fields.Float(required=True)
    title = ma.fields.String(required=True)
    title_en = ma.fields.String(allow_none=True)
    level_scale = ma.fields.String(required=True)
    default_duration_days = ma.fields.Integer(required=True)
    supports = ma.fields.Function(
        lambda p: [s.indicator.code for s in sorted(p.supports, key=lambda s: s.indicator.position)],
        metadata={
            "type": "array",
            "items": {"type": "string"},
            "example": ["SPBE-01", "SPBE-02"],
            "description": "SPBE indicators a host practice supports: verifying it suggests, never sets, their levels",
        },
    )


class PracticeQuery(PageArgs):
    framework = ma.fields.String(metadata={"example": "spbe-2020"})


PracticePage = page_schema(PracticeSchema, "PracticePage")


@blp.route("", methods=["GET"])
@requires("catalogue.view")
@blp.arguments(PracticeQuery, location="query")
@blp.response(200, PracticePage)
def index(args):
    """Active practices, optionally of one framework (by its code)."""
    statement = select(Practice).join(Practice.framework).where(Practice.active.is_(True))
    if args.get("framework"):
        framework = db.session.scalar(select(Framework).where(Framework.code == args["framework"]))
        if framework is None:
            raise NotFound(_("Unknown framework: %(code)s", code=args["framework"]))
        statement = statement.where(Practice.framework_id == framework.id)
    count = select(func.count()).select_from(statement.subquery())
    ordered = statement.order_by(Framework.id, Practice.position, Practice.code).options(
        selectinload(Practice.supports)
    )
    return paginate(db.session, ordered, count, args["page"], args["per_page"])
