"""List filters take a region or province by name as well as by code (issue 16 point 5): one
match filters, an ambiguous name names its candidates, an unknown one says so; never a 500."""

from tests_support import study_visit

AMBIGUOUS = ("More than one region is named Bandung", "32.04 Kabupaten Bandung", "32.73 Kota Bandung")


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_commitments_filter_by_region_and_province_names(login_as, make_commitment):
    make_commitment(region="32.04")
    make_commitment(region="51.71")
    host = login_as("host_staff", locale="en")
    by_name = _page(host, "/commitments?region=Kab.+Bandung")
    assert "Kabupaten Bandung" in by_name and "Kota Denpasar" not in by_name
    by_province = _page(host, "/commitments?province=jawa+barat")
    assert "Kabupaten Bandung" in by_province and "Kota Denpasar" not in by_province
    ambiguous = _page(host, "/commitments?region=Bandung")
    assert all(text in ambiguous for text in AMBIGUOUS)
    unknown = _page(host, "/commitments?region=Xyzzyville")
    assert "No region is named Xyzzyville." in unknown and "Kota Denpasar" not in unknown
    unknown_code = _page(host, "/commitments?region=99.99")
    assert "Unknown region code: 99.99" in unknown_code


def test_visits_filter_by_region_name(login_as):
    host = login_as("host_staff", locale="en")
    study_visit(host.user, "32.04")
    study_visit(host.user, "32.05")
    garut = _page(host, "/visits?region=garut")
    assert "Kabupaten Garut" in garut and "Kabupaten Bandung" not in garut
    near = _page(host, "/visits?region=Kabupaten+Garutt")  # one slip: still Garut
    assert "Kabupaten Garut" in near and "Kabupaten Bandung" not in near
    assert all(text in _page(host, "/visits?region=Bandung") for text in AMBIGUOUS)


def test_overview_and_national_take_a_province_name(login_as, make_commitment):
    make_commitment(region="32.04")
    make_commitment(region="51.71")
    host = login_as("host_staff", locale="en")
    overview = _page(host, "/overview?province=Jawa+Barat")
    assert "Kabupaten Bandung" in overview and "Kota Denpasar" not in overview
    assert "No region is named Atlantis." in _page(host, "/overview?province=Atlantis")
    national = _page(host, "/national?province=jawa%20barat")
    assert 'data-testid="province-region"><a href="/regions/32.04">Kabupaten Bandung</a>' in national
    assert "Jawa Barat: regencies and cities" in _page(host, "/map?province=Jawa+Barat")
    assert host.get("/map?province=Atlantis").status_code == 404


def test_reviews_and_outbox_take_a_region_name(login_as):
    host = login_as("host_staff", locale="en")
    assert all(text in _page(host, "/reviews?region=Bandung") for text in AMBIGUOUS)
    assert "No region is named Xyzzyville." in _page(host, "/outbox?region=Xyzzyville")
    assert "More than one region" not in _page(host, "/outbox?region=Kota+Bandung")
