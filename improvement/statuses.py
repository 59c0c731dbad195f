"""The statuses of an improvement project, and how each shows (portal.presentation). Pages and e-mails read this
table only."""

from django.db import models

from portal.presentation import StatusPresentation


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for the academy's review"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"
    WITHDRAWN = "withdrawn", "Withdrawn"


PROJECT_PRESENTATION = {
    ProjectStatus.DRAFT: StatusPresentation(
        tag_colour="grey", next_step="Finish your project and send it to your academy to review."
    ),
    ProjectStatus.SUBMITTED: StatusPresentation(
        tag_colour="blue",
        academy_label="Waiting for your review",
        next_step="Your academy is reviewing your project.",
    ),
    ProjectStatus.RETURNED: StatusPresentation(
        tag_colour="orange",
        next_step="Your academy has asked for changes: {review_note}",
        email_subject="Your improvement project needs changes",
        email_message="Your academy has reviewed your improvement project and asked for changes. "
        "Change it and send it again.",
    ),
    ProjectStatus.APPROVED: StatusPresentation(
        tag_colour="green",
        next_step="Your academy has approved your project. It is on the public showcase only if you agree to it.",
        email_subject="Your improvement project is approved",
        email_message="Your academy has approved your improvement project. If you agree, it can be shown on the "
        "portal's public showcase of improvement projects: choose this on your project's page.",
    ),
    ProjectStatus.WITHDRAWN: StatusPresentation(
        tag_colour="grey", next_step="You have withdrawn your project. It is not shown to anyone else."
    ),
}
