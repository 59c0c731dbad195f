"""The OpenAPI schema is generated from the code and valid OpenAPI 3; the documentation page is a page of the portal
rendered from it (every operation, its parameters, body, responses and token); errors are problem details."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from drf_spectacular.validation import validate_schema

from api.docs_views import rate_in_words
from api.reference import api_reference

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3(client):
    response = client.get(reverse("api:schema"))

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_the_documentation_page_shows_every_operation_of_the_schema(client):
    schema = json.loads(client.get(reverse("api:schema")).content)

    response = client.get(reverse("api:docs"))

    assert response.status_code == 200
    page = response.content.decode()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert f'id="{operation["operationId"]}"' in page
            assert f'href="#{operation["operationId"]}">{method.upper()} {path}</a>' in page
    assert f'href="{reverse("api:schema")}"' in page
    assert "<script" not in page.replace('<script type="module" src="/static/js/portal.mjs"></script>', "")


def test_the_documentation_page_introduces_tokens_limits_errors_pages_and_webhooks(client):
    page = client.get(reverse("api:docs")).content.decode()

    for said in (
        "Authorization: Bearer", "Retry-After", "application/problem+json", "?page=2", "X-Portal-Signature",
        f'href="{reverse("roles:api_tokens")}"', f"may make {rate_in_words(settings.API_TOKEN_RATE)}.",
    ):
        assert said in page


def test_an_operation_says_its_parameters_body_responses_and_token(client):
    page = client.get(reverse("api:docs")).content.decode()

    decision = page[page.index('id="academy_applications_decision_create"'):]
    decision = decision[: decision.index("</section>")]
    assert "A read and write academy API token (a read token gets 403)." in decision
    assert "<code>reasons</code>" in decision  # a field of the request body
    assert "At most 2000 characters." in decision
    assert "one of: offer, waitlist, unsuccessful" in decision
    programmes = page[page.index('id="programmes_list"'):]
    programmes = programmes[: programmes.index("</section>")]
    assert "None: anyone may call it." in programmes
    assert "<code>format</code>" in programmes and "query" in programmes
    assert "400 Bad Request" in programmes
    assert 'href="#object-PaginatedProgrammeList"' in programmes
    assert 'id="object-Programme"' in page


def test_the_reference_is_generated_once_a_process(client):
    client.get(reverse("api:docs"))
    generated = api_reference()

    client.get(reverse("api:docs"))

    assert api_reference() is generated


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
