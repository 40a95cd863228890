"""Deliver an outbox row right after the response has gone out.

The row is committed before the response, so it is what guarantees delivery; this only makes the
mail arrive within seconds when no scheduler runs (tests, `livinglab run`) and spares the scheduler's
next flush the wait. The WSGI server calls the response's `close` once it has sent the body, so the
client never waits for the mail server, and every request that enqueues a row (for a known email or
an unknown one) does the same work before answering.
"""

import logging
from functools import partial

from flask import after_this_request, current_app

from livinglab.extensions import db
from livinglab.services import delivery

log = logging.getLogger(__name__)


def _deliver(app, notification_id):
    with app.app_context():
        try:
            delivery.deliver_now(notification_id)
        except Exception:  # the row stays queued for the scheduler; the response is long gone
            log.exception("outbox row %s not delivered after the response", notification_id)
        finally:
            db.session.remove()


def deliver_after_response(notification_id):
    app = current_app._get_current_object()

    @after_this_request
    def _on_close(response):
        response.call_on_close(partial(_deliver, app, notification_id))
        return response
