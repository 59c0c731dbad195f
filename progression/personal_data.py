"""What progression holds about a person: their follow-ups and answers. Erasure deletes them (the e-mails' keys
stay, so a re-run task sends nothing)."""

from portal.personal_data_registry import PersonalData, email_deliveries_about_erase, fields_of

from .permissions import follow_ups_of

FIELDS = ["completed_at", "asked_at", "answered_at", "role_changed", "new_responsibilities"]


def _export(user) -> dict:
    follow_ups = follow_ups_of(user).select_related("application__programme")
    return {
        "follow_ups": [
            {
                **fields_of(follow_up, FIELDS),
                "programme": follow_up.application.programme.title,
                "point": follow_up.get_point_display(),
                "band": follow_up.get_band_display(),
            }
            for follow_up in follow_ups
        ]
    }


def _erase(user) -> None:
    follow_ups = follow_ups_of(user)
    email_deliveries_about_erase(
        key_prefixes=[f"progression-follow-up:{pk}" for pk in follow_ups.values_list("pk", flat=True)]
    )
    follow_ups.delete()


PERSONAL_DATA = PersonalData(
    app_label="progression",
    models=("progression.FollowUp",),
    export=_export,
    erase=_erase,
)
