"""The API's reference, read from its generated OpenAPI schema (drf-spectacular's SchemaGenerator): each operation
grouped by tag, with its parameters, request body, responses and the token it needs, and the objects they carry.
The schema comes from the code alone, so it is generated once a process (api_reference) and changes on deploy."""

from dataclasses import dataclass
from functools import cache
from http import HTTPStatus

from drf_spectacular.generators import SchemaGenerator

SAFE_METHODS = ("get", "head", "options")
# What a status means here, where the schema says no more (see also the page's introduction).
MEANINGS = {
    200: "Done: the body is as below.",
    201: "Made: the body is as below.",
    304: "Unchanged since the ETag sent in If-None-Match: no body.",
    400: "A parameter or field is not valid: the errors name each and says what is wrong. Nothing was changed.",
    401: "No token, or one that is unknown, revoked or expired.",
    403: "The token may not do this (a read token asked to write).",
    404: "There is no such resource, or it is not your academy's.",
    409: "The portal's rules do not allow this now: the detail says why. Nothing was changed.",
    429: "Too many requests: wait the seconds Retry-After says.",
}
ANYONE = "None: anyone may call it."
READERS = "An academy API token: read, or read and write."
WRITERS = "A read and write academy API token (a read token gets 403)."


@dataclass(frozen=True)
class Field:
    """A parameter (`where` is path or query), a field of a request body, or a field of an object."""

    name: str
    where: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Answer:
    status: str
    description: str
    content_type: str
    body: str  # the object's name, or a type
    linked: bool  # the body is one of the reference's resources


@dataclass(frozen=True)
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    description: str
    access: str
    parameters: list[Field]
    body: list[Field]
    answers: list[Answer]


@dataclass(frozen=True)
class Section:
    tag: str
    description: str
    operations: list[Operation]


@dataclass(frozen=True)
class Resource:
    """An object the API sends or takes: its fields."""

    name: str
    description: str
    fields: list[Field]


@dataclass(frozen=True)
class Reference:
    title: str
    description: str
    version: str
    sections: list[Section]
    resources: list[Resource]


def type_of(schema: dict, components: dict) -> str:
    """A schema's type in words: `string (date-time)`, `list of Session`, `one of: a, b or null`."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        target = components.get(name, {})
        return type_of(target, components) if "enum" in target else name
    if "allOf" in schema:
        return type_of(schema["allOf"][0], components)
    if "oneOf" in schema:
        return " or ".join(dict.fromkeys(type_of(option, components) for option in schema["oneOf"]))
    if schema.get("type") == "array":
        return f"list of {type_of(schema.get('items', {}), components)}"
    if "enum" in schema:
        return _enum(schema["enum"])
    kind = schema.get("type", "any")
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def _enum(values: list) -> str:
    if values in ([""], [None]):
        return "blank" if values == [""] else "null"
    return "one of: " + ", ".join(str(value) for value in values)


def limits(schema: dict) -> str:
    """What the schema bounds: length, items, least value."""
    said = []
    if "maxLength" in schema:
        said.append(f"At most {schema['maxLength']} characters.")
    if "maxItems" in schema:
        said.append(f"At most {schema['maxItems']} items.")
    if "minimum" in schema:
        said.append(f"At least {schema['minimum']}.")
    if schema.get("nullable"):
        said.append("May be null.")
    return " ".join(said)


def _described(schema: dict, description: str = "") -> str:
    return " ".join(part for part in (description or schema.get("description", ""), limits(schema)) if part)


def parameter_field(parameter: dict, components: dict) -> Field:
    schema = parameter.get("schema", {})
    return Field(
        name=parameter["name"],
        where=parameter["in"],
        type=type_of(schema, components),
        required=bool(parameter.get("required")),
        description=_described(schema, parameter.get("description", "")),
    )


def object_fields(schema: dict, components: dict, *, writing: bool) -> list[Field]:
    """An object's fields; those the server alone sets are left out of what a request sends."""
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    required = set(schema.get("required", []))
    return [
        Field(name, "body", type_of(field, components), name in required, _described(field))
        for name, field in schema.get("properties", {}).items()
        if not (writing and field.get("readOnly"))
    ]


def _json_schema(content: dict) -> tuple[str, dict]:
    """The first content type and its schema (the API speaks JSON and problem+json only)."""
    for content_type, media in content.items():
        return content_type, media.get("schema", {})
    return "", {}


def _phrase(status: str) -> tuple[int, str]:
    """The status as a number and its reason phrase; (0, "") for one that is not a number ("default", "2XX")."""
    try:
        code = int(status)
        return code, HTTPStatus(code).phrase
    except ValueError:
        return 0, ""


def answers(responses: dict, components: dict) -> list[Answer]:
    listed = []
    for status, response in sorted(responses.items()):
        content_type, schema = _json_schema(response.get("content", {}))
        code, phrase = _phrase(status)
        description = response.get("description") or MEANINGS.get(code, phrase)
        body = type_of(schema, components) if schema else ""
        linked = "properties" in components.get(body, {})
        listed.append(Answer(f"{status} {phrase}".strip(), description, content_type, body, linked))
    return listed


def access(method: str, operation: dict) -> str:
    """What the caller needs: nothing, where the schema allows no authentication; else a token that may do this."""
    security = operation.get("security", [{}])
    if {} in security:
        return ANYONE
    return READERS if method in SAFE_METHODS else WRITERS


def operation_of(path: str, method: str, operation: dict, components: dict) -> Operation:
    content_type, body = _json_schema(operation.get("requestBody", {}).get("content", {}))
    anchor = operation.get("operationId", f"{method}-{path}")
    return Operation(
        anchor=anchor,
        method=method.upper(),
        path=path,
        summary=operation.get("summary") or anchor.replace("_", " ").capitalize(),
        description=operation.get("description", ""),
        access=access(method, operation),
        parameters=[parameter_field(parameter, components) for parameter in operation.get("parameters", [])],
        body=object_fields(body, components, writing=True) if content_type else [],
        answers=answers(operation.get("responses", {}), components),
    )


def sections(schema: dict) -> list[Section]:
    """Operations by tag: the tags the settings describe first, in their order, then any others by name."""
    components = schema.get("components", {}).get("schemas", {})
    described = {tag["name"]: tag.get("description", "") for tag in schema.get("tags", [])}
    grouped: dict[str, list[Operation]] = {}
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            tag = (operation.get("tags") or ["other"])[0]
            grouped.setdefault(tag, []).append(operation_of(path, method, operation, components))
    order = [tag for tag in described if tag in grouped] + sorted(tag for tag in grouped if tag not in described)
    return [Section(tag, described.get(tag, ""), grouped[tag]) for tag in order]


def resources(schema: dict) -> list[Resource]:
    components = schema.get("components", {}).get("schemas", {})
    return [
        Resource(name, component.get("description", ""), object_fields(component, components, writing=False))
        for name, component in components.items()
        if "properties" in component
    ]


def api_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


@cache
def api_reference() -> Reference:
    schema = api_schema()
    info = schema.get("info", {})
    return Reference(
        title=info.get("title", ""),
        description=info.get("description", ""),
        version=info.get("version", ""),
        sections=sections(schema),
        resources=resources(schema),
    )
