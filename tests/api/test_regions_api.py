"""GET /api/v1/regions and /api/v1/regions/{code}."""


def test_sumedang_is_a_wib_regency(api_as):
    api = api_as("ministry_viewer")
    response = api.get("/api/v1/regions/32.11")
    assert response.status_code == 200
    assert response.json == {
        "code": "32.11",
        "name": "Kabupaten Sumedang",
        "kind": "regency",
        "parent_code": "32",
        "timezone": "WIB",
        "administrative": False,
    }


def test_denpasar_is_wita_and_jayapura_is_wit(api_as):
    api = api_as("region_officer")
    assert api.get("/api/v1/regions/51.71").json["timezone"] == "WITA"
    assert api.get("/api/v1/regions/51.71").json["name"] == "Kota Denpasar"
    assert api.get("/api/v1/regions/91.71").json["timezone"] == "WIT"


def test_jakarta_units_are_flagged_administrative(api_as):
    api = api_as("host_staff")
    assert api.get("/api/v1/regions/31.71").json["administrative"] is True
    assert api.get("/api/v1/regions/32.73").json["administrative"] is False


def test_list_filters_by_parent_and_kind_with_page_envelope(api_as):
    api = api_as("host_admin")
    response = api.get("/api/v1/regions?parent=32&kind=city&per_page=5")
    assert response.status_code == 200
    body = response.json
    assert set(body) == {"items", "total", "page", "per_page"}
    assert body["total"] == 9
    assert body["page"] == 1 and body["per_page"] == 5
    assert len(body["items"]) == 5
    assert all(item["kind"] == "city" and item["parent_code"] == "32" for item in body["items"])
    second = api.get("/api/v1/regions?parent=32&kind=city&per_page=5&page=2").json
    assert len(second["items"]) == 4


def test_national_counts(api_as):
    api = api_as("host_admin")
    assert api.get("/api/v1/regions?kind=province&per_page=1").json["total"] == 38
    assert api.get("/api/v1/regions?kind=regency&per_page=1").json["total"] == 416
    assert api.get("/api/v1/regions?kind=city&per_page=1").json["total"] == 98
    assert api.get("/api/v1/regions?per_page=1").json["total"] == 552


def test_unknown_region_is_a_json_404(api_as):
    response = api_as("host_admin").get("/api/v1/regions/99.99")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"
    assert "99.99" in response.json["error"]["message"]


def test_bad_query_values_are_a_json_422(api_as):
    api = api_as("host_admin")
    for query in ("per_page=501", "per_page=0", "page=0", "kind=village", "page=abc"):
        response = api.get(f"/api/v1/regions?{query}")
        assert response.status_code == 422, query
        assert response.json["error"]["code"] == "invalid"
        assert response.json["error"]["fields"], query
