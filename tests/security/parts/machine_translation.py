"""The machine translation endpoint (/<lang>/machine-translation/<kind>/<pk>/, issue #18
item 6): anyone who may see a piece of resident content may ask for its translation.

The path uses the world's comment (the `kind` literal is "comment"). With the null
backend of the test settings every identity gets 204 No Content; who gets a translation
(never a moderator) and the 404 for content the reader may not see are checked in
tests/machine_translation/test_endpoint.py.
"""

from tests.security.matrix import PUBLIC

ROUTES = {
    "machine_translation:translation": PUBLIC,
}
PK_OBJECTS = (("machine_translation:", "comment"),)
