"""Probes for load balancers and monitoring: `/healthz` (the process answers) and `/readyz`."""

from flask import Blueprint, jsonify

from livinglab import policy
from livinglab.services import operations
from livinglab.web.access import requires

bp = Blueprint("operations", __name__)


@bp.route("/healthz")
@requires(policy.PUBLIC)
def healthz():
    return jsonify(status="ok")


@bp.route("/readyz")
@requires(policy.PUBLIC)
def readyz():
    ready, report = operations.readiness()
    response = jsonify(report)
    response.status_code = 200 if ready else 503
    response.headers["Cache-Control"] = "no-store"
    return response
