"""Issue 16, speed: pages travel compressed and static files are cached by versioned URL."""

import gzip
import re

STATIC_URL = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def test_a_page_is_compressed_when_the_browser_asks(login_as):
    officer = login_as("region_officer")
    workspace = f"/regions/{officer.user.region.code}/milestones"
    plain = officer.get(workspace)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    packed = officer.get(workspace, headers={"Accept-Encoding": "gzip"})
    assert packed.status_code == 200 and packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    html = gzip.decompress(packed.get_data()).decode()
    assert html == plain.get_data(as_text=True)
    assert len(packed.get_data()) < len(html) / 2
    assert packed.headers["Cache-Control"] == "no-store"  # compression keeps the signed-in page private


def test_static_files_have_versioned_urls_kept_for_a_year(web):
    page = web.get("/login").get_data(as_text=True)
    urls = STATIC_URL.findall(page)
    assert urls and all(re.search(r"\?v=[0-9a-f]{12}$", url) for url in urls), urls
    versioned = web.get(urls[0], headers={"Accept-Encoding": "gzip, br"})
    assert versioned.status_code == 200 and versioned.headers["Content-Encoding"] == "br"  # streamed: no gzip
    assert versioned.cache_control.max_age == 365 * 24 * 3600 and versioned.cache_control.immutable
    unversioned = web.get(urls[0].split("?")[0])
    assert unversioned.cache_control.max_age is None  # without the version a browser asks again
