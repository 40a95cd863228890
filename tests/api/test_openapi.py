"""The OpenAPI document is generated from the code and describes every API route."""

from tests_support import api_rules

from livinglab import create_app


def test_document_is_openapi_3_with_bearer_auth(anonymous_api):
    response = anonymous_api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json
    assert doc["openapi"].startswith("3.")
    assert doc["components"]["securitySchemes"]["bearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert doc["security"] == [{"bearerAuth": []}]
    assert "Error" in doc["components"]["schemas"]


def test_every_api_route_is_documented(app, anonymous_api):
    paths = anonymous_api.get("/api/v1/openapi.json").json["paths"]
    for rule, method in api_rules(app):
        path = rule.rule.replace("<string:", "{").replace("<int:", "{").replace("<", "{").replace(">", "}")
        assert path in paths, f"{path} missing from the OpenAPI document"
        assert method.lower() in paths[path], f"{method} {path} missing from the OpenAPI document"


def test_list_endpoints_document_the_page_envelope(anonymous_api):
    doc = anonymous_api.get("/api/v1/openapi.json").json
    schema = doc["components"]["schemas"]["RegionPage"]
    assert set(schema["properties"]) == {"items", "total", "page", "per_page"}
    params = {p["name"] for p in doc["paths"]["/api/v1/regions"]["get"]["parameters"]}
    assert {"kind", "parent", "page", "per_page"} <= params


def test_document_does_not_depend_on_a_database(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'none.db'}"})
    assert app.test_client().get("/api/v1/openapi.json").status_code == 200
