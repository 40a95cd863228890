"""GET|POST /api/v1/commitments and their milestones."""

from flask_smorest import Blueprint

blp = Blueprint("api_commitments", __name__, url_prefix="/api/v1/commitments", description="Commitments")
