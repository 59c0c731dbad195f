"""Text search over the catalogue.

On PostgreSQL: full-text search with English stemming, the title weighing more than the summary and the summary
more than the description, ranked; and trigram word similarity on titles and academy names, so that a misspelt
word ("mary secole", "jener") still finds its programme. The GIN indexes behind both are made by migration
programmes/0002, on exactly the expressions below. On SQLite, the embedded default, a plainer search finds
programmes that contain every word typed, after swapping unknown words for the closest catalogue word.
"""

import difflib
import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connections
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from academies.models import Academy

from .models import Programme

SEARCH_CONFIG = "english"
# Trigrams tell little about very short queries ("a" would match every title with a word starting in "a").
TYPO_TOLERANCE_MIN_LENGTH = 4
# How much an academy's name counts towards relevance beside the programme's own text.
ACADEMY_NAME_WEIGHT = 0.5
WORD = re.compile(r"\w+")
FALLBACK_MAX_WORDS = 10


def programme_search_vector() -> SearchVector:
    """The weighted document of a programme; migration 0002's GIN index is built on this same expression."""
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
    )


def search(queryset: QuerySet, text: str) -> QuerySet:
    """The programmes of `queryset` that match `text`, annotated with `relevance` (higher is better)."""
    if connections[queryset.db].vendor == "postgresql":
        return search_postgresql(queryset, text)
    return search_by_words(queryset, text)


def search_postgresql(queryset: QuerySet, text: str) -> QuerySet:
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    matches = Q(document=query)
    relevance = SearchRank(F("document"), query)
    if len(text.strip()) >= TYPO_TOLERANCE_MIN_LENGTH:
        # The %> operator (trigram_word_similar) is what the trigram indexes serve; its threshold is
        # pg_trgm.word_similarity_threshold, set for the portal's connections in settings.
        delivered_by_similar_name = Exists(
            Academy.objects.filter(programmes_delivered=OuterRef("pk"), name__trigram_word_similar=text)
        )
        matches |= (
            Q(title__trigram_word_similar=text)
            | Q(provider__name__trigram_word_similar=text)
            | delivered_by_similar_name
        )
        relevance = (
            relevance
            + TrigramWordSimilarity(text, "title")
            # A programme whose provider the sources do not name has no provider's name to be like.
            + Coalesce(TrigramWordSimilarity(text, "provider__name"), 0.0) * ACADEMY_NAME_WEIGHT
        )
    return queryset.alias(document=programme_search_vector()).filter(matches).annotate(relevance=relevance)


def search_by_words(queryset: QuerySet, text: str) -> QuerySet:
    """SQLite's fallback: every word must appear in the title, summary, description or provider's name.

    A word in the title counts 3 towards relevance, in the summary 2, elsewhere 1. A word found in no title or
    academy name is first swapped for the closest one that is, so a typo still finds its programme here too.
    """
    words = corrected_words(WORD.findall(text)[:FALLBACK_MAX_WORDS])
    relevance = Value(0, output_field=IntegerField())
    if not words:
        return queryset.none().annotate(relevance=relevance)
    for word in words:
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(provider__name__icontains=word)
        )
        relevance = relevance + Case(
            When(title__icontains=word, then=3), When(summary__icontains=word, then=2), default=1
        )
    return queryset.annotate(relevance=relevance)


def corrected_words(words: list[str]) -> list[str]:
    """Each word, or the closest word of the catalogue's titles and academy names when it appears in none."""
    names = [*Programme.objects.values_list("title", flat=True), *Academy.objects.values_list("name", flat=True)]
    vocabulary = {word.lower() for name in names for word in WORD.findall(name)}
    corrected = []
    for word in words:
        known = len(word) < TYPO_TOLERANCE_MIN_LENGTH or any(word.lower() in known for known in vocabulary)
        closest = [] if known else difflib.get_close_matches(word.lower(), vocabulary, n=1, cutoff=0.75)
        corrected.append(closest[0] if closest else word)
    return corrected
