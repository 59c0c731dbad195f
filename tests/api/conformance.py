"""Checks a Django test client's response against the live OpenAPI schema, with schemathesis' own response
conformance (status code, content type, headers and body by the schema's components)."""

import requests
import schemathesis
from django.test import Client
from django.urls import reverse


def assert_conforms(response, operation: str, method: str = "GET") -> None:
    """Raises schemathesis' failure group if `response` is not what the schema says `operation` answers."""
    schema = schemathesis.openapi.from_dict(Client().get(reverse("api:schema")).json())
    request = requests.Request(method, "http://testserver" + response.request["PATH_INFO"]).prepare()
    answer = schemathesis.Response(
        status_code=response.status_code,
        headers={name: [value] for name, value in response.headers.items()},
        content=response.content,
        request=request,
        elapsed=0.0,
        verify=True,
    )
    schema[operation][method].validate_response(answer)
