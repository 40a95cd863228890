"""Serve an upload as a download: never inline, never sniffed by the browser."""

from flask import send_file

from livinglab.services.uploads import blob_path


def download(upload):
    response = send_file(
        blob_path(upload.sha256),
        mimetype=upload.content_type,
        as_attachment=True,
        download_name=upload.original_name,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
