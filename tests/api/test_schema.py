"""The OpenAPI schema is generated from the code, valid OpenAPI 3, and its documentation page is served from the
portal's own static files within the Content-Security-Policy; errors are problem details."""

import json

import pytest
from django.urls import reverse
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3(client):
    response = client.get(reverse("api:schema"))

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_the_documentation_page_loads_its_assets_from_the_portal_not_a_cdn(client):
    page = client.get(reverse("api:docs")).content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


def test_a_method_the_route_does_not_take_is_a_problem_not_a_default_text(client):
    response = client.post(reverse("api:schema"), data="{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank", "status": 405, "title": "This method is not allowed here",
        "detail": 'Method "POST" not allowed.',
    }


def test_a_post_to_the_documentation_page_is_refused_plainly(client):
    response = client.post(reverse("api:docs"))

    assert response.status_code == 405
    assert b"Traceback" not in response.content
