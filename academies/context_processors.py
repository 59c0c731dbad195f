from django.utils.functional import SimpleLazyObject

from .permissions import user_roles


def roles(request):
    """The signed-in user's roles, for navigation; worked out only if a template asks."""
    return {"roles": SimpleLazyObject(lambda: user_roles(request.user))}
