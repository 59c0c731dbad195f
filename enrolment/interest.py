"""Interest in a programme: "tell me when applications open". Imported by enrolment.models, so Django finds the
model there as it does every model of the app; enrolment.services.interest is the only writer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.models import Region
from programmes.models import Programme


class ProgrammeInterestQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def for_person(self, user):
        """A signed-in person's interests: their own, and those registered by e-mail to their address and
        confirmed from it."""
        return self.filter(Q(user=user) | Q(user__isnull=True, email__iexact=user.email, confirmed_at__isnull=False))


class ProgrammeInterest(models.Model):
    """Someone asked to be e-mailed when a cohort of `programme` (in `region`, if they chose one) opens.

    Either a signed-in person (`user`), or an e-mail address (`email`) that counts only once its owner has
    confirmed it from the link e-mailed to it (`confirmed_at`)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="interests")
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="programme_interests",
        help_text="Only cohorts here, online or run for everywhere; empty for any region.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="programme_interests"
    )
    email = models.EmailField("e-mail address", blank=True)
    # Set by the services, never typed.
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ProgrammeInterestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, email="") | Q(user__isnull=True) & ~Q(email=""),
                name="interest_of_user_or_email",
            ),
            models.UniqueConstraint(
                fields=["programme", "user"], condition=Q(user__isnull=False), name="interest_once_per_user"
            ),
            models.UniqueConstraint(
                fields=["programme", "email"], condition=Q(user__isnull=True), name="interest_once_per_email"
            ),
        ]

    def __str__(self):
        return f"{self.user or self.email} → {self.programme}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
