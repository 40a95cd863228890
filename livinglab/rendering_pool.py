"""Render many report PDFs in parallel worker processes (WeasyPrint uses one core per render).

Used by the scheduler before delivery on a national run: each worker builds its own app from the
same configuration (spawned, not forked, so no database connection is shared) and archives the
PDFs through the delivery service, which keeps every report exactly once.
"""

import logging
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor, as_completed

log = logging.getLogger("livinglab.scheduler")
_APP = None
MIN_BATCH = 8  # below this, starting workers costs more than it saves


def _init(config):
    global _APP
    from livinglab import create_app

    _APP = create_app(config)


def _render(key):
    from livinglab.extensions import db
    from livinglab.services import delivery

    with _APP.app_context():
        try:
            delivery.archive_report(*key)
        finally:
            db.session.remove()
    return key


def prerender(app, keys, workers=None):
    """Archive the PDFs for `keys` using up to `workers` processes; returns how many were rendered."""
    workers = workers or app.config.get("RENDER_WORKERS") or os.cpu_count() or 1
    if workers < 2 or len(keys) < MIN_BATCH:
        return 0
    config = {key: value for key, value in app.config.items() if key.isupper() and _picklable(value)}
    done = 0
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init, initargs=(config,)) as pool:
        for future in as_completed([pool.submit(_render, key) for key in keys]):
            try:
                future.result()
                done += 1
            except Exception:  # delivery renders it again and records the failure on the row
                log.exception("pre-rendering a report failed")
    return done


def _picklable(value):
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True
