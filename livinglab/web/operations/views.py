"""Probes for load balancers and monitoring: `/healthz` (the process answers) and `/readyz`.

Both are public, but `/readyz` shows its details (schema revisions, the scheduler's heartbeat)
only to the host itself (a loopback client; behind a proxy set PROXY_COUNT so the proxy's own
address is not taken for the client's) and to a bearer token whose user may `operations.view`.
Everyone else gets the status alone.
"""

from flask import Blueprint, jsonify, request

from livinglab import policy
from livinglab.services import operations
from livinglab.web.access import bearer_token, requires

bp = Blueprint("operations", __name__)


@bp.route("/healthz")
@requires(policy.PUBLIC)
def healthz():
    return jsonify(status="ok")


@bp.route("/readyz")
@requires(policy.PUBLIC)
def readyz():
    ready, report = operations.readiness()
    detailed = operations.may_see_details(request.remote_addr, bearer_token(request))
    response = jsonify(report if detailed else {"status": report["status"]})
    response.status_code = 200 if ready else 503
    response.headers["Cache-Control"] = "no-store"
    return response
