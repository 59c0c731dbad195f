"""api.reference reads the OpenAPI schema into the documentation page's words; api.docs_views says the rate."""

import pytest

from api.docs_views import rate_in_words
from api.reference import ANYONE, READERS, WRITERS, access, answers, object_fields, type_of

COMPONENTS = {
    "GradeEnum": {"enum": ["band_5", "band_6"], "type": "string"},
    "BlankEnum": {"enum": [""]},
    "NullEnum": {"enum": [None]},
    "Session": {"type": "object", "properties": {"title": {"type": "string"}}},
    "Problem": {"type": "object", "properties": {"status": {"type": "integer"}}},
    "Decision": {
        "type": "object",
        "required": ["decision"],
        "properties": {
            "id": {"type": "integer", "readOnly": True},
            "decision": {"type": "string", "enum": ["offer", "waitlist"]},
            "reason": {"type": "string", "maxLength": 2000, "description": "Why."},
        },
    },
}


@pytest.mark.parametrize(
    ("schema", "words"),
    [
        ({"type": "string", "format": "date-time"}, "string (date-time)"),
        ({"type": "array", "items": {"$ref": "#/components/schemas/Session"}}, "list of Session"),
        (
            {"oneOf": [{"$ref": "#/components/schemas/GradeEnum"}, {"$ref": "#/components/schemas/BlankEnum"},
                       {"$ref": "#/components/schemas/NullEnum"}]},
            "one of: band_5, band_6 or blank or null",
        ),
        ({"allOf": [{"$ref": "#/components/schemas/GradeEnum"}], "nullable": True}, "one of: band_5, band_6"),
        ({}, "any"),
    ],
)
def test_a_type_in_words(schema, words):
    assert type_of(schema, COMPONENTS) == words


def test_a_request_body_leaves_out_what_the_server_sets_and_says_its_limits():
    fields = object_fields({"$ref": "#/components/schemas/Decision"}, COMPONENTS, writing=True)

    assert [(field.name, field.required, field.description) for field in fields] == [
        ("decision", True, ""), ("reason", False, "Why. At most 2000 characters."),
    ]


def test_a_response_without_a_description_says_what_its_status_means_here():
    problem = {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}

    [bad, default] = answers({"400": problem, "default": {"description": "Anything else."}}, COMPONENTS)

    assert (bad.status, bad.content_type, bad.body, bad.linked) == (
        "400 Bad Request", "application/problem+json", "Problem", True,
    )
    assert bad.description.startswith("A parameter or field is not valid")
    assert (default.status, default.description, default.body) == ("default", "Anything else.", "")


@pytest.mark.parametrize(
    ("method", "security", "needs"),
    [
        ("get", [{}], ANYONE),
        ("get", [{"academyToken": []}], READERS),
        ("post", [{"academyToken": []}], WRITERS),
        ("get", [{"academyToken": []}, {}], ANYONE),
    ],
)
def test_what_an_operation_needs(method, security, needs):
    assert access(method, {"security": security}) == needs


def test_the_rate_in_words():
    assert rate_in_words("300/min") == "300 requests a minute"
    assert rate_in_words("5000/day") == "5000 requests a day"
