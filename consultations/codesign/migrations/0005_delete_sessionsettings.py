"""Drop `SessionSettings`: its switches live on the session since 0003/0004."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("codesign", "0004_copy_session_switches"),
    ]

    operations = [
        migrations.DeleteModel(name="SessionSettings"),
    ]
