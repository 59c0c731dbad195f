"""Django's own default error messages, read from Django itself (its form and model fields' default_error_messages
and its validators' messages), so that a test can fail on any of them without a hand-kept list."""

import html
import inspect
import re
from functools import cache

from django import forms
from django.core import validators
from django.db import models
from django.utils.functional import Promise

EMPTY_CHOICE_DASH = "---------"
PLACEHOLDER = 987654321


class _AnyParameter(dict):
    def __missing__(self, key):
        return PLACEHOLDER


def _pattern(message) -> str:
    """The message as a regular expression, each %(name)s in it matching anything. A message that starts with a
    parameter ("%(model_name)s with this ...") is found by the rest of it: a leading wildcard finds the same
    messages, but tried at every character of a line it takes time growing with the line's length squared (minutes
    for a page that shows a long answer back)."""
    text = str(message % _AnyParameter())
    return re.escape(text).replace(str(PLACEHOLDER), ".*?").removeprefix(".*?")


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def _django_messages():
    for base in (forms.Field, models.Field):
        for cls in (base, *_subclasses(base)):
            if cls.__module__.startswith("django."):
                yield from vars(cls).get("default_error_messages", {}).values()
    for _, validator in inspect.getmembers(validators, inspect.isclass):
        if isinstance(getattr(validator, "message", None), str | Promise):
            yield validator.message
        if isinstance(getattr(validator, "messages", None), dict):
            yield from validator.messages.values()


@cache
def default_message_patterns() -> re.Pattern:
    return re.compile("|".join(sorted({_pattern(message) for message in _django_messages()}, key=len, reverse=True)))


@cache
def _required_texts() -> frozenset[str]:
    """Each message's longest fixed part: a text holding none of them holds no message, which a substring search
    tells far sooner than the patterns (a walk reads hundreds of pages)."""
    texts = (str(message % _AnyParameter()) for message in _django_messages())
    return frozenset(max(text.split(str(PLACEHOLDER)), key=len) for text in texts)


def django_defaults_in(text: str) -> list[str]:
    """Each Django default message, or empty-choice dash, that the text (HTML or plain) contains."""
    text = html.unescape(text)
    found = []
    if any(required in text for required in _required_texts()):
        found = [match.group(0) for match in default_message_patterns().finditer(text)]
    return found + ([EMPTY_CHOICE_DASH] if EMPTY_CHOICE_DASH in text else [])
