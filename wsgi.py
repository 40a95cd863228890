"""The WSGI entry point for gunicorn (`gunicorn wsgi:app`).

A configuration that cannot be used stops the worker with one line on stderr and gunicorn's
"worker failed to boot" exit code, so gunicorn stops instead of restarting workers forever.
"""

import sys

from livinglab import create_app
from livinglab.config import ConfigError

WORKER_BOOT_ERROR = 3  # gunicorn halts the whole server on this exit code

try:
    app = create_app()
except ConfigError as error:
    print(f"Living Lab cannot start: {error}", file=sys.stderr, flush=True)
    sys.exit(WORKER_BOOT_ERROR)
