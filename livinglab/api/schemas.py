"""Shared API schemas: errors, pagination arguments and the page envelope."""

import marshmallow as ma
from marshmallow import validate

from livinglab.web.converters import MAX_ID

MAX_PER_PAGE = 500


class ErrorBody(ma.Schema):
    code = ma.fields.String(required=True)
    message = ma.fields.String(required=True)
    fields = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorBody, required=True)


def record_id(**kwargs):
    """An id (or version number) sent by a client: a positive whole number a database integer holds."""
    return ma.fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class PageArgs(ma.Schema):
    page = ma.fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = ma.fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PER_PAGE))


def page_schema(item_schema, name):
    """A `{items, total, page, per_page}` envelope schema for `item_schema`."""
    return ma.Schema.from_dict(
        {
            "items": ma.fields.List(ma.fields.Nested(item_schema), required=True),
            "total": ma.fields.Integer(required=True),
            "page": ma.fields.Integer(required=True),
            "per_page": ma.fields.Integer(required=True),
        },
        name=name,
    )


def paginate(session, statement, count_statement, page, per_page):
    """Run `statement` for one page; returns the envelope dict."""
    total = session.scalar(count_statement)
    items = session.scalars(statement.limit(per_page).offset((page - 1) * per_page)).all()
    return {"items": items, "total": total, "page": page, "per_page": per_page}
