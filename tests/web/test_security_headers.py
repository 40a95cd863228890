"""Security headers on pages, API answers, errors and downloads."""

import pytest

from livinglab.web.security import CSP


@pytest.mark.parametrize(
    "path", ["/login", "/public", "/api/v1/openapi.json", "/api/v1/me", "/no-such-page", "/static/css/app.css"]
)
def test_every_response_carries_the_headers(web, path):
    response = web.get(path)
    assert response.headers["Content-Security-Policy"] == CSP
    assert "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_only_over_https(web):
    response = web.get("/login", base_url="https://livinglab.example.go.id")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_pages_have_no_inline_script_or_style(login_as, make_commitment):
    make_commitment()
    client = login_as("host_admin", locale="en")
    for path in ("/home", "/overview", "/regions/32.04", "/map", "/national", "/catalogue", "/commitments"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "onclick=" not in html, path
