"""gunicorn reads this file from the working directory (the checkout, /opt/livinglab).

The configuration is checked once in the master before any worker is forked: a weak SECRET_KEY,
a webhook without its own secret or a broken URL stops gunicorn with one line on stderr, instead
of every worker failing to boot.
"""

import sys


def on_starting(server):
    from livinglab.config import ConfigError, check_environment

    try:
        check_environment()
    except ConfigError as error:
        print(f"Living Lab cannot start: {error}", file=sys.stderr, flush=True)
        sys.exit(1)
