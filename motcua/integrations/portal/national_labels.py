"""Labels of the national status codes, for pages that show what the portal holds."""

from motcua.dossiers.national import NationalStatus


def status_label(code: int | None) -> str:
    try:
        return str(NationalStatus(code).label) if code is not None else ""
    except ValueError:
        return str(code)
