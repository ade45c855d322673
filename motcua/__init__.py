"""motcua: one-stop handling of administrative procedures (cơ chế một cửa, một cửa liên thông)."""
