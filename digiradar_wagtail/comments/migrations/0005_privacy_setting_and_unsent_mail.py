"""
``PendingConfirmation.mail_sent_at`` (empty while the confirmation mail has not gone out; rows
made before it existed had their mail sent with them) and the site setting of the privacy page.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def mark_existing_as_sent(apps, schema_editor):
    PendingConfirmation = apps.get_model("digiradar_comments", "PendingConfirmation")
    PendingConfirmation.objects.filter(mail_sent_at__isnull=True).update(mail_sent_at=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('digiradar_comments', '0004_comment_moderators_group'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='pendingconfirmation',
            name='mail_sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='confirmation mail sent at'),
        ),
        migrations.RunPython(mark_existing_as_sent, migrations.RunPython.noop),
        migrations.CreateModel(
            name='CommentsPrivacySetting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('privacy_page', models.ForeignKey(blank=True, help_text='The page the consent checkbox of the comment form links to; visitors see its translation in their language where there is one. Empty: DIGIRADAR_PRIVACY_URL.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='privacy page')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'privacy page for comments',
                'verbose_name_plural': 'privacy pages for comments',
            },
        ),
    ]
