"""The public transparency board: aggregate figures, the map and per-region progress only.

No personal data (no names, no signatories), no notes, no evidence. Switched off with
PUBLIC_BOARD=0, in which case it answers 404.
"""

from flask import Blueprint, abort, current_app, render_template, url_for
from flask_babel import gettext as _

from livinglab import policy
from livinglab.reporting import maps
from livinglab.services import monitoring
from livinglab.web.access import requires

bp = Blueprint("public", __name__, url_prefix="/public")


@bp.route("")
@requires(policy.PUBLIC)
def board():
    if not current_app.config.get("PUBLIC_BOARD", True):
        abort(404)
    rows, catalogue = monitoring.public_rows()
    values, legend = maps.area_values(rows, "progress", "province_code", catalogue)
    svg = maps.choropleth(
        {code: (colour, text) for code, (colour, text, _value) in values.items()},
        title=_("Commitment progress by province"),
        legend=legend,
        links={code: url_for("public.board") + f"#province-{code}" for code in values},
        draw_legend=False,
    )
    return render_template(
        "public/board.html",
        totals=monitoring.summary(rows),
        rows=rows,
        svg=svg,
        map_legend=maps.map_legend(legend),
        map_credit=maps.CREDIT,
        catalogue=catalogue,
    )
