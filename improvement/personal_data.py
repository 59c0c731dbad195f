"""What improvement holds about a person: the projects they lead. Erasure deletes them, so nothing they wrote stays
on the showcase; who reviewed a project goes with it."""

from portal.personal_data_registry import PersonalData, email_deliveries_about_erase, fields_of

from .permissions import projects_of_participant

PROJECT_FIELDS = [
    "title",
    "aim",
    "measure",
    "baseline",
    "result",
    "teams",
    "publish_consent",
    "show_name",
    "review_note",
    "submitted_at",
    "reviewed_at",
    "created_at",
]


def _export(user) -> dict:
    projects = projects_of_participant(user).select_related("method", "application__programme")
    return {
        "improvement_projects": [
            {
                **fields_of(project, PROJECT_FIELDS),
                "programme": project.application.programme.title,
                "method": project.method.name,
                "organisations": [organisation.name for organisation in project.organisations.all()],
                "status": project.get_status_display(),
            }
            for project in projects.prefetch_related("organisations")
        ]
    }


def _erase(user) -> None:
    projects = projects_of_participant(user)
    email_deliveries_about_erase(
        key_prefixes=[f"improvement-project:{pk}:" for pk in projects.values_list("pk", flat=True)]
    )
    projects.delete()


PERSONAL_DATA = PersonalData(
    app_label="improvement",
    models=("improvement.ImprovementProject",),
    export=_export,
    erase=_erase,
)
