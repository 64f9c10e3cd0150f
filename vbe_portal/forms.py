from django import forms
from django.contrib.auth.forms import AuthenticationForm

from documents.text import CleanTextField


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Fel användarnamn eller lösenord. Kontrollera stavningen och försök igen.",
        "inactive": "Kontot är inaktiverat. Kontakta din administratör.",
    }

    username = CleanTextField(
        label="Användarnamn",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Lösenord", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
