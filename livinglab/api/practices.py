"""GET /api/v1/practices: the practice catalogue."""

from flask_smorest import Blueprint

blp = Blueprint("api_practices", __name__, url_prefix="/api/v1/practices", description="Practice catalogue")
