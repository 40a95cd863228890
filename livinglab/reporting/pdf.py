"""PDF rendering with WeasyPrint: Jinja HTML + CSS from templates/reports/, nothing from the network.

The URL fetcher serves only files under static/; any other URL (http, file outside static, data
from elsewhere) is refused, so a report can never reach out of the machine.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from weasyprint import HTML
from weasyprint.urls import URLFetchingError


def _fetcher_for(static_root):
    static_root = Path(static_root).resolve()

    def fetch(url, *args, **kwargs):
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise URLFetchingError(f"refused non-local URL: {url}")
        path = Path(unquote(parts.path)).resolve()
        if static_root not in path.parents:
            raise URLFetchingError(f"refused file outside static/: {url}")
        return {"string": path.read_bytes(), "mime_type": None, "redirected_url": url}

    return fetch


def document(html):
    """A WeasyPrint document of `html` that may load files from static/ and nothing else."""
    static = current_app.static_folder
    return HTML(string=html, base_url=Path(static).as_uri() + "/", url_fetcher=_fetcher_for(static))


def render(template, **context):
    """Render templates/reports/<template> to PDF bytes."""
    return document(render_template(f"reports/{template}", **context)).write_pdf()
