"""Study visits (studi tiru) recorded by the host."""

from flask import Blueprint

bp = Blueprint("visits", __name__, url_prefix="/visits")
