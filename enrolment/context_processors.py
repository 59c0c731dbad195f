from django.utils.functional import SimpleLazyObject

from .permissions import may_nominate


def nominating(request):
    """Whether the header links to "Nominate staff"; worked out only if a template asks."""
    return {"may_nominate": SimpleLazyObject(lambda: may_nominate(request.user))}
