from django import template

from enrolment.selectors import programme_action

register = template.Library()


@register.simple_tag(takes_context=True)
def programme_action_for(context, programme, cohorts):
    """Lets the programme page show its button from whatever view renders it, given the upcoming cohorts."""
    return programme_action(user=context["request"].user, programme=programme, cohorts=list(cohorts))
