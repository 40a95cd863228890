"""GET /api/v1/me/tasks: the caller's task list, as their home page shows it."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint

from livinglab.api.schemas import PageArgs, page_schema
from livinglab.services import tasks
from livinglab.web.access import requires

blp = Blueprint("api_tasks", __name__, url_prefix="/api/v1/me", description="The authenticated account's tasks")


class TaskSchema(ma.Schema):
    kind = ma.fields.String(
        required=True,
        metadata={
            "description": "returned, overdue, due_soon, stale (region officers); review_late, review, "
            "extension_request, newly_stalled (host), failed_reminder (host admins); newly_verified, "
            "newly_stalled, target_reached (ministry viewers: since their previous visit)"
        },
    )
    milestone_id = ma.fields.Integer(allow_none=True)
    region = ma.fields.String(allow_none=True, metadata={"description": "Region code, e.g. 32.11"})
    region_name = ma.fields.String(allow_none=True)
    title = ma.fields.String(allow_none=True)
    due_date = ma.fields.Date(allow_none=True)
    age_days = ma.fields.Integer(
        allow_none=True, metadata={"description": "days it has waited (returned, stale, reviews) or since it happened"}
    )
    url = ma.fields.String(required=True, metadata={"description": "the page that does the task"})


TaskPage = page_schema(TaskSchema, "TaskPage")


@blp.route("/tasks", methods=["GET"])
@requires("home.view")
@blp.arguments(PageArgs, location="query")
@blp.response(200, TaskPage)
def index(args):
    """The caller's tasks, ordered as on their home page (paged)."""
    page, per_page = args["page"], args["per_page"]
    items = tasks.for_user(current_user).items
    start = (page - 1) * per_page
    return {"items": items[start : start + per_page], "total": len(items), "page": page, "per_page": per_page}
