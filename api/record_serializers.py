"""What the academy API reads and writes for attendance and outcomes, mirroring the workspace's attendance form
(who attended, everyone else absent) and outcome form (completed or did not complete per learner, and the CPD
hours). An item's error names the item, so a problem's `errors` stay a list of messages per field."""

from rest_framework import serializers

from enrolment.services.open_access import MAX_CPD_HOURS
from enrolment.statuses import PARTICIPANTS, Status

from .academy_serializers import MAX_ID, ItemErrors, ListOfItems, StrictSerializer

MAX_ITEMS = 1000
OUTCOMES = [(Status.COMPLETED, Status.COMPLETED.label), (Status.DID_NOT_COMPLETE, Status.DID_NOT_COMPLETE.label)]
ID = "Give an application's id: a whole number from 1"
CPD_HOURS = f"Give the CPD hours as a whole number from 1 to {MAX_CPD_HOURS}, or leave them out"


class ApplicationIds(ListOfItems):
    child = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, error_messages={"invalid": ID, "min_value": ID, "max_value": ID}
    )
    default_error_messages = {"not_a_list": "Give a list of application ids, such as [12, 15]"}


class OutcomeChoices(ItemErrors, serializers.DictField):
    child = serializers.ChoiceField(
        choices=OUTCOMES, error_messages={"invalid_choice": "Give “completed” or “did_not_complete”, not “{input}”"}
    )
    default_error_messages = {
        "not_a_dict": "Give an object of application id to outcome, such as {{\"12\": \"completed\"}}",
        "empty": "Give at least one learner's outcome",
    }

    def item_name(self, key) -> str:
        return f"Application {key}"

    def to_internal_value(self, data):
        outcomes = super().to_internal_value(data)
        wrong = [key for key in outcomes if not (key.isdecimal() and 1 <= int(key) <= MAX_ID)]
        if wrong:
            raise serializers.ValidationError([f"“{key}” is not an application id: give its number" for key in wrong])
        return {int(key): outcome == Status.COMPLETED for key, outcome in outcomes.items()}


class ParticipantSerializer(serializers.Serializer):
    application = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="applicant.full_name")
    email = serializers.EmailField(source="applicant.email")
    status = serializers.ChoiceField(choices=[(status, status.label) for status in PARTICIPANTS])
    sessions_attended = serializers.IntegerField(help_text="Of all the cohort's sessions.")
    attended = serializers.BooleanField(
        source="attended_here", allow_null=True, help_text="At this session; null until attendance is taken."
    )


class SessionAttendanceSerializer(serializers.Serializer):
    session = serializers.IntegerField(source="pk")
    cohort = serializers.IntegerField(source="cohort_id")
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    participants = ParticipantSerializer(many=True, help_text="Everyone with an accepted place, or who finished.")


class AttendanceInputSerializer(StrictSerializer):
    attended = ApplicationIds(
        max_length=MAX_ITEMS, help_text="The application ids of those who attended; every other participant did not."
    )


class OutcomesInputSerializer(StrictSerializer):
    outcomes = OutcomeChoices(
        allow_empty=False,
        help_text="Application id to outcome, for learners with an accepted place; others are left as they are.",
    )
    cpd_hours = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=MAX_CPD_HOURS,
        error_messages={"invalid": CPD_HOURS, "min_value": CPD_HOURS, "max_value": CPD_HOURS},
        help_text="CPD hours on each completer's certificate; leave out to use the cohort's.",
    )

    def validate_outcomes(self, outcomes):
        if len(outcomes) > MAX_ITEMS:
            raise serializers.ValidationError(f"Send at most {MAX_ITEMS} outcomes at once.")
        return outcomes


class OutcomeSerializer(serializers.Serializer):
    application = serializers.IntegerField(source="pk")
    status = serializers.ChoiceField(choices=OUTCOMES)
    certificate = serializers.UUIDField(
        source="certificate.code", allow_null=True, default=None, help_text="The certificate's code, if completed."
    )
