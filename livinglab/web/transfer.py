"""What a page costs on a phone's connection: compressed answers and long-cached static files.

CSS, JS, SVG and JSON are compressed (brotli, zstd or gzip, whichever the browser accepts) by
flask-compress, so `make run` and any deployment without a proxy send small answers; the nginx
site in deploy/ compresses the static files it serves itself. HTML pages are not compressed: each
carries the session's CSRF token beside text the request chose (a search, a filter), and a
compressed answer's length would let someone watching the wire guess the token a character at a
time (BREACH). They are a small share of a page's bytes. Every `url_for('static', ...)` carries
`?v=<digest of the file>`, so a browser may keep static files for a year: a changed file is a new URL.
"""

import hashlib
from functools import cache
from pathlib import Path

from flask import request
from flask_compress import Compress

STATIC_MAX_AGE = 365 * 24 * 3600
# What flask-compress may compress: never HTML (see above).
COMPRESSED_TYPES = ["text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"]

compress = Compress()


@cache
def _digest(path, mtime_ns):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def static_version(static_folder, filename):
    """A short digest of the static file's content, or None if there is no such file."""
    path = Path(static_folder, filename)
    if not path.is_file():
        return None
    return _digest(str(path), path.stat().st_mtime_ns)


def cache_versioned_static(response):
    """A static file asked for by its versioned URL never changes: keep it for a year."""
    if request.endpoint == "static" and request.args.get("v") and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = STATIC_MAX_AGE
        response.cache_control.immutable = True
    return response


def register(app):
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    compress.init_app(app)
    app.after_request(cache_versioned_static)

    @app.url_defaults
    def version_static_urls(endpoint, values):
        if endpoint == "static" and "v" not in values:
            version = static_version(app.static_folder, values.get("filename", ""))
            if version:
                values["v"] = version
