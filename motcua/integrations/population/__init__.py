"""The population register (CSDL quốc gia về dân cư): look a citizen up by the 12-digit personal
identity number, with their consent and a reason, to fill the applicant and the procedure's form
instead of typing them. Plugin shape: ``base`` (interface), ``registry``, ``contrib/demo`` (a
client of the demo register served by this site, ``contrib/demo/twin``). Use cases in
``services``; what fills which form field in ``mapping``. See docs/integrations.md."""
