"""PDF rendering with WeasyPrint: Jinja HTML + CSS from templates/reports/, nothing from the network.

The URL fetcher serves only files under static/; any other URL (http, file outside static, data
from elsewhere) is refused, so a report can never reach out of the machine.
"""

import mimetypes
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError


class _StaticFetcher(URLFetcher):
    """WeasyPrint's fetcher narrowed to files under `static_root`; anything else is refused."""

    def __init__(self, static_root):
        super().__init__(allowed_protocols={"file"})
        self.static_root = Path(static_root).resolve()

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise URLFetchingError(f"refused non-local URL: {url}")
        path = Path(unquote(parts.path)).resolve()
        if self.static_root not in path.parents:
            raise URLFetchingError(f"refused file outside static/: {url}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})


def document(html):
    """A WeasyPrint document of `html` that may load files from static/ and nothing else."""
    static = current_app.static_folder
    return HTML(string=html, base_url=Path(static).as_uri() + "/", url_fetcher=_StaticFetcher(static))


@cache
def font_config():
    """One FontConfiguration per process: building it (fontconfig's font list) cost a trivial
    page's whole render each time. Reports declare no @font-face, so nothing accumulates in it."""
    return FontConfiguration()


def write(html):
    """PDF bytes of `html` (a report's own markup)."""
    return document(html).write_pdf(font_config=font_config())


def render(template, **context):
    """Render templates/reports/<template> to PDF bytes."""
    return write(render_template(f"reports/{template}", **context))
