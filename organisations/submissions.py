"""One-time form tokens against double submits of creates that have no natural key (routines, imports).

The form carries a fresh token (`SubmissionTokenField`, a hidden UUID made when the form is shown). The
view claims it in the same transaction as the create: the first POST inserts the `FormSubmission` row,
a second POST with the same token (a double click, a resent form) hits its unique constraint and gets
`AlreadySubmitted` with where the first one led. Two simultaneous POSTs wait on the unique index: the
second sees the first's row once it commits, so the create runs once.
"""

import datetime
import uuid

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import FormSubmission

KEEP_FOR = datetime.timedelta(days=2)


class AlreadySubmitted(Exception):
    def __init__(self, result_url: str):
        super().__init__(result_url)
        self.result_url = result_url


class SubmissionTokenField(forms.UUIDField):
    """Hidden; a form sent without it (an old page, a script) is accepted without the protection."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, initial=uuid.uuid4, **kwargs)


def claim(token, user) -> FormSubmission | None:
    """Record `token` as used by `user`, inside the caller's transaction; AlreadySubmitted if it was."""
    if token is None:
        return None
    FormSubmission.objects.filter(user=user, created_at__lt=timezone.now() - KEEP_FOR).delete()
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(token=token, user=user)
    except IntegrityError:
        earlier = FormSubmission.objects.filter(token=token, user=user).first()
        raise AlreadySubmitted(earlier.result_url if earlier else "") from None


def record_result(submission: FormSubmission | None, url: str) -> None:
    if submission is not None:
        submission.result_url = url[:300]
        submission.save(update_fields=["result_url"])
