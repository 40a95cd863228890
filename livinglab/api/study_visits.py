"""GET|POST /api/v1/study-visits."""

from flask_smorest import Blueprint

blp = Blueprint("api_study_visits", __name__, url_prefix="/api/v1/study-visits", description="Study visits")
