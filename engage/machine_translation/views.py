"""The translation endpoint pages call after they have loaded (progressive
enhancement): `GET /<lang>/machine-translation/<kind>/<pk>/`.

It answers the translated text as an HTML fragment (`machine_translation/translated.html`)
into the language of the URL, or 204 No Content when there is none (the feature is off,
the reader is a moderator, the content is in the reader's language, the service
failed). Content the reader may not see is a 404, as everywhere.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from engage.moderation import registry

from . import services


@require_GET
def translation(request, kind, pk):
    try:
        model = registry.get_kind(kind)
    except LookupError:
        raise Http404 from None
    manager = model._default_manager
    queryset = (
        manager.visible_to(request.user) if hasattr(manager, "visible_to") else manager.none()
    )
    content = get_object_or_404(queryset, pk=pk)
    translated = services.translate(content, request.user)
    if translated is None:
        return HttpResponse(status=204)
    html = render_to_string(
        "machine_translation/translated.html",
        {"translation": translated},
    )
    response = HttpResponse(html)
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Language"] = translated.target
    return response
