"""A demo SMS provider: messages go to a log table administrators read in Django admin."""
