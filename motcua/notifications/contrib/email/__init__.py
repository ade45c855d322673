"""E-mail through Django's mail settings (EMAIL_BACKEND, SMTP host …)."""
