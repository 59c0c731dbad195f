"""A person's self-assessment against the Healthcare Leadership Model's nine dimensions.

The rating scale is the portal's own (catalogue-facts.md states no published scale for the model): it claims
nothing about the model, and it is not the NHS Leadership Academy's 360 feedback tool. A self-assessment is written
only through selfassessment.services, whole: one rating for each dimension, or nothing.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from coaching.models import HLM_FRAMEWORK_SLUG, hlm_dimensions
from enrolment.models import Cohort
from portal.rules import RuleError
from programmes.models import FrameworkElement

# A rule of self-assessments said no.
SelfAssessmentError = RuleError


class Score(models.IntegerChoices):
    """The portal's own four-point self-rating."""

    NOT_YET = 1, "Not yet"
    DEVELOPING = 2, "Developing"
    STRONG = 3, "Strong"
    EXEMPLARY = 4, "Exemplary"


def model_dimensions():
    """The Healthcare Leadership Model's dimensions, in the model's order."""
    return hlm_dimensions().order_by("position", "pk")


class SelfAssessmentQuerySet(models.QuerySet):
    def with_ratings(self):
        return self.prefetch_related(
            models.Prefetch(
                "ratings",
                queryset=Rating.objects.select_related("dimension").order_by("dimension__position", "dimension__pk"),
            )
        )


class SelfAssessment(models.Model):
    """One time a person rated themselves."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments")
    taken_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_at", "-pk"]
        verbose_name = "self-assessment"
        indexes = [models.Index(fields=["person", "taken_at"])]

    def __str__(self):
        return f"Self-assessment {self.pk}"

    def get_absolute_url(self):
        return reverse("selfassessment:detail", args=[self.pk])


class Rating(models.Model):
    """How the person rated themselves on one dimension."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="ratings")
    dimension = models.ForeignKey(
        FrameworkElement,
        on_delete=models.PROTECT,
        related_name="self_ratings",
        limit_choices_to={"framework__slug": HLM_FRAMEWORK_SLUG},
    )
    score = models.PositiveSmallIntegerField(choices=Score.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"],
                name="self_rating_one_per_dimension",
                violation_error_message="This self-assessment already rates this dimension.",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=Score.NOT_YET) & Q(score__lte=Score.EXEMPLARY),
                name="self_rating_score_on_the_scale",
                violation_error_message="A rating is from 1 to 4.",
            ),
        ]

    def __str__(self):
        return f"{self.dimension}: {self.score}"


class PublishedChange(models.Model):
    """A cohort's self-assessment change as its academy sees it: worked out once, when the cohort's window has
    closed (selfassessment.aggregates says why), and never again. Aggregates only, so nobody's personal data:
    erasing a person leaves it as it was published."""

    cohort = models.OneToOneField(Cohort, on_delete=models.CASCADE, related_name="self_assessment_change")
    participants = models.PositiveIntegerField()  # who took the self-assessment both before and after
    # The mean change per dimension, keyed by the dimension's id; empty when there were too few participants.
    changes = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "published self-assessment change"

    def __str__(self):
        return f"Self-assessment change of {self.cohort}"
