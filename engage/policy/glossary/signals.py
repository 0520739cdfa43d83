"""Any change to the glossary's wording (services, the admin, the shell) makes the
cached term lists stale: bump their version after commit."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import DiscouragedTerm, Term, TermTranslation
from .services.common import glossary_changed


@receiver(post_save, sender=Term)
@receiver(post_delete, sender=Term)
@receiver(post_save, sender=TermTranslation)
@receiver(post_delete, sender=TermTranslation)
@receiver(post_save, sender=DiscouragedTerm)
@receiver(post_delete, sender=DiscouragedTerm)
def glossary_rows_changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    glossary_changed()


@receiver(m2m_changed, sender=Term.related_terms.through)
def related_terms_changed(sender, **kwargs):
    glossary_changed()
