"""The transition table checked against the rules as the domain states them, written out by hand
(domain.md §4.1–4.5, ND 61/2018 Arts. 17–20) — not read from ``ALLOWED_FROM`` itself, so a wrong
entry in the table cannot make its own test pass."""

from motcua.dossiers.constants import ALLOWED_FROM, Action

# One row per action: the states it may start from ("new": the dossier does not exist yet).
# Columns, in order: new, draft, submitted, intake_supplement, received, in_progress, transferred,
# awaiting_approval, awaiting_supplement, awaiting_payment, result_ready, returned,
# refused_at_intake, stopped, withdrawn.
COLUMNS = (
    "new draft submitted intake_supplement received in_progress transferred awaiting_approval "
    "awaiting_supplement awaiting_payment result_ready returned refused_at_intake stopped withdrawn"
).split()
EXPECTED = """
save_draft                 x x . . . . . . . . . . . . .
submit                     x x . . . . . . . . . . . . .
receive                    x . . . . . . . . . . . . . .
request_intake_supplement  x . x . . . . . . . . . . . .
resubmit                   . . . x . . . . . . . . . . .
accept                     . . x x . . . . . . . . . . .
refuse_intake              x . x x . . . . . . . . . . .
assign                     . . . . x x . x . . . . . . .
complete_step              . . . . . x . x . . . . . . .
return_step                . . . . . x . x . . . . . . .
transfer                   . . . . . x . . . . . . . . .
return_transfer            . . . . . . x . . . . . . . .
request_supplement         . . . . x x x x . . . . . . .
complete_supplement        . . . . . . . . x . . . . . .
request_payment            . . . . . x . x . . . . . . .
confirm_payment            . . . . . . . . . x . . . . .
record_payment             . . x x x x x x x . x . . . .
reappoint                  . . . . x x x x . . . . . . .
approve                    . . . . . . . x . . . . . . .
record_result              . . . . . x . x . . . . . . .
return_result              . . . . . . . . . . x . . . .
stop                       . . . . x x x x x x . . . . .
withdraw                   . . x x x x x x x x . . . . .
correct_answers            . . x x . . . . . . . . . . .
reorganise                 . x x x x x x x x x x . . . .
"""


def _expected() -> dict[str, frozenset]:
    table = {}
    for line in EXPECTED.strip().splitlines():
        action, *marks = line.split()
        assert len(marks) == len(COLUMNS), action
        table[action] = frozenset(
            None if state == "new" else state
            for state, mark in zip(COLUMNS, marks, strict=True)
            if mark == "x"
        )
    return table


def test_every_action_is_in_the_written_table():
    assert set(_expected()) == {str(a) for a in Action}


def test_the_transition_table_allows_exactly_what_the_rules_allow():
    expected = _expected()
    wrong = {
        action: {
            "allowed but should not be": sorted(map(str, ALLOWED_FROM[action] - allowed)),
            "refused but should be allowed": sorted(map(str, allowed - ALLOWED_FROM[action])),
        }
        for action, allowed in expected.items()
        if ALLOWED_FROM[action] != allowed
    }
    assert wrong == {}


def test_terminal_states_start_nothing():
    expected = _expected()
    for state in ("returned", "refused_at_intake", "stopped", "withdrawn"):
        assert not [a for a, allowed in expected.items() if state in allowed], state
