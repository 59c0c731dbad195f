"""Text search over the catalogue.

On PostgreSQL: full-text search with English stemming, the title weighing more than the summary and the summary
more than the description, ranked; and trigram word similarity on titles and academy names, so that a misspelt
word ("mary secole", "jener") still finds its programme. The GIN indexes behind both are made by migration
programmes/0002, on exactly the expressions below. On SQLite, the embedded default, a plainer search finds
programmes that contain every word typed, after swapping unknown words for the closest catalogue word.
On both, a search also finds what the sources call by another name (programmes/synonyms.py: "BAME" finds
"Black, Asian and minority ethnic", "nurse" finds "nursing").
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connections
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from academies.models import Academy

from .models import Programme
from .synonyms import KNOWN_WORDS, alternatives, mentions_coaching

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
    query = None
    for variant in alternatives(text):
        variant_query = SearchQuery(variant, search_type="websearch", config=SEARCH_CONFIG)
        query = variant_query if query is None else query | variant_query
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
    """SQLite's fallback: every word of the search, or of one of its synonyms' versions, must appear in the
    title, summary, description or provider's name.

    A word in the title counts 3 towards relevance, in the summary 2, elsewhere 1. A word found in no title or
    academy name is first swapped for the closest one that is, so a typo still finds its programme here too.
    """
    vocabulary = catalogue_vocabulary()
    matches, words = Q(pk__in=[]), {}
    for variant in alternatives(text):
        variant_words = corrected_words(WORD.findall(variant)[:FALLBACK_MAX_WORDS], vocabulary)
        if variant_words:
            matches |= Q.create([word_match(word) for word in variant_words])
            words.update(dict.fromkeys(word.lower() for word in variant_words))
    relevance = Value(0, output_field=IntegerField())
    for word in words:
        relevance = relevance + Case(
            When(title__icontains=word, then=3),
            When(summary__icontains=word, then=2),
            When(word_match(word), then=1),
            default=0,
        )
    return queryset.filter(matches).annotate(relevance=relevance)


def word_match(word: str) -> Q:
    return (
        Q(title__icontains=word)
        | Q(summary__icontains=word)
        | Q(description__icontains=word)
        | Q(provider__name__icontains=word)
    )


def catalogue_vocabulary() -> set[str]:
    """The words of the catalogue's titles and academy names, which a typo is corrected to."""
    names = [*Programme.objects.values_list("title", flat=True), *Academy.objects.values_list("name", flat=True)]
    return {word.lower() for name in names for word in WORD.findall(name)}


def corrected_words(words: list[str], vocabulary: set[str]) -> list[str]:
    """Each word, or the closest word of `vocabulary` when it appears in none and is no known synonym."""
    corrected = []
    for word in words:
        known = (
            len(word) < TYPO_TOLERANCE_MIN_LENGTH
            or word.lower() in KNOWN_WORDS
            or any(word.lower() in known for known in vocabulary)
        )
        closest = [] if known else difflib.get_close_matches(word.lower(), vocabulary, n=1, cutoff=0.75)
        corrected.append(closest[0] if closest else word)
    return corrected


# Words too common in academies' names to point to one ("NHS Leadership Academy" has every one of them).
GENERIC_NAME_WORDS = frozenset({"nhs", "leadership", "academy", "academies", "programme", "programmes", "and", "the"})
NAME_WORD_MIN_LENGTH = 3
MAX_ACADEMIES_POINTED_TO = 5


@dataclass(frozen=True)
class SearchPointers:
    """Where a search's words point besides the programmes: the coaching register, academies by name."""

    coaching: bool = False
    academies: tuple = ()


def search_pointers(text: str, academies) -> SearchPointers:
    """Where `text` points: the coaching register, and those of `academies` (already loaded) it names."""
    if not text.strip():
        return SearchPointers()
    return SearchPointers(coaching=mentions_coaching(text), academies=academies_named(text, academies))


def academies_named(text: str, academies) -> tuple:
    """The academies whose names hold every telling word of the search, or of one of its synonyms' versions."""
    wanted = []
    for variant in alternatives(text):
        words = [
            word.lower()
            for word in WORD.findall(variant)[:FALLBACK_MAX_WORDS]
            if len(word) >= NAME_WORD_MIN_LENGTH and word.lower() not in GENERIC_NAME_WORDS
        ]
        if words:
            wanted.append(words)
    named = [academy for academy in academies if any(all(w in academy.name.lower() for w in words) for words in wanted)]
    return tuple(sorted(named, key=lambda academy: academy.name)[:MAX_ACADEMIES_POINTED_TO])
