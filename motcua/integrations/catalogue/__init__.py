"""The national procedure catalogue (CSDL quốc gia về TTHC) pulled into the local catalogue:
``mapping`` turns a national record into catalogue content, ``diff`` compares it with the local
latest version, ``services`` pulls, records and makes drafts (docs/integrations.md)."""
