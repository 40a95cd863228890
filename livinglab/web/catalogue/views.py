"""The practice catalogue: frameworks, indicators and the host's replicable practices."""

from flask import Blueprint

bp = Blueprint("catalogue", __name__, url_prefix="/catalogue")
