"""JSON API under /api/v1: bearer tokens, JSON errors, an OpenAPI document built from the code."""

from flask import request
from flask_smorest import Api
from flask_smorest.spec.plugins import integerconverter2paramschema

from livinglab import policy
from livinglab.api.schemas import ErrorSchema
from livinglab.web.converters import IdConverter
from livinglab.web.errors import error_response

BODY_METHODS = {"POST", "PUT", "PATCH"}
ACCEPTED_BODY_TYPES = {"application/json", "multipart/form-data"}


class LivingLabApi(Api):
    """flask-smorest with our error envelope; errors are handled app-wide by web.errors."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        """web.errors.register handles every error, API or page, in one place."""


def _check_request_shape():
    """Refuse bodies the API cannot take before any view reads them (413, 415)."""
    if not request.path.startswith("/api/") or request.method not in BODY_METHODS:
        return None
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        return error_response(413)
    if (request.content_length or 0) > 0 and request.mimetype not in ACCEPTED_BODY_TYPES:
        return error_response(415)
    return None


def init_api(app):
    from livinglab.api import (
        commitments,
        evaluations,
        innovations,
        library,
        me,
        milestones,
        monitoring,
        opds,
        practices,
        regions,
        reminders,
        replanning,
        replications,
        sectors,
        signing_events,
        study_visits,
        tasks,
    )
    from livinglab.extensions import csrf
    from livinglab.web.access import declare

    api = LivingLabApi(
        spec_kwargs={
            "info": {"description": "Living Lab JSON API. Authenticate with `Authorization: Bearer <token>`."},
            "servers": [{"url": "/"}],
        }
    )
    api.register_converter(IdConverter, integerconverter2paramschema)
    api.init_app(app)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    api.spec.options["security"] = [{"bearerAuth": []}]
    for module in (
        me,
        regions,
        practices,
        study_visits,
        signing_events,
        commitments,
        milestones,
        monitoring,
        reminders,
        evaluations,
        sectors,
        replanning,
        tasks,
        library,
        opds,
        innovations,
        replications,
    ):
        csrf.exempt(module.blp)
        api.register_blueprint(module.blp)
    declare(app, "api-docs.openapi_json", policy.PUBLIC)
    app.before_request(_check_request_shape)
    app.extensions["livinglab.api"] = api
