"""Issue 16, speed: pages travel compressed and static files are cached by versioned URL."""

import gzip
import re

STATIC_URL = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def test_pages_travel_uncompressed_and_the_rest_compressed(login_as, api_as):
    """HTML carries the CSRF token beside text the request chose: compressed, its length would leak
    the token (BREACH). CSS, JS and JSON have no secret and are compressed when the browser asks."""
    officer = login_as("region_officer")
    workspace = officer.get(
        f"/regions/{officer.user.region.code}/milestones?q=csrf-token", headers={"Accept-Encoding": "gzip, br"}
    )
    assert workspace.status_code == 200 and "Content-Encoding" not in workspace.headers
    assert 'name="csrf-token"' in workspace.get_data(as_text=True)
    api = api_as("host_staff")
    plain = api.get("/api/v1/regions?per_page=100")
    packed = api.get("/api/v1/regions?per_page=100", headers={"Accept-Encoding": "gzip"})
    assert packed.status_code == 200 and packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data()) / 2


def test_static_files_have_versioned_urls_kept_for_a_year(web):
    page = web.get("/login").get_data(as_text=True)
    urls = STATIC_URL.findall(page)
    assert urls and all(re.search(r"\?v=[0-9a-f]{12}$", url) for url in urls), urls
    versioned = web.get(urls[0], headers={"Accept-Encoding": "gzip, br"})
    assert versioned.status_code == 200 and versioned.headers["Content-Encoding"] == "br"  # streamed: no gzip
    assert versioned.cache_control.max_age == 365 * 24 * 3600 and versioned.cache_control.immutable
    unversioned = web.get(urls[0].split("?")[0])
    assert unversioned.cache_control.max_age is None  # without the version a browser asks again
