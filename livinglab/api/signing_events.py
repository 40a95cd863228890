"""GET|POST /api/v1/signing-events."""

from flask_smorest import Blueprint

blp = Blueprint("api_signing_events", __name__, url_prefix="/api/v1/signing-events", description="Signing events")
