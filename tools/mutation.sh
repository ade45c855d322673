#!/usr/bin/env bash
# Mutation testing of the modules whose mistakes cost most (docs/development.md, "Mutation
# testing"): each module is mutated by mutmut 2 in a throw-away git worktree of HEAD — never in
# your working tree — and only the tests that own it are run against each mutant, for at most
# BUDGET seconds per module. Survivors are listed at the end (mutmut results / mutmut show N,
# run inside the worktree printed).
#
#   tools/mutation.sh                       # every target below
#   tools/mutation.sh motcua/reports/index766/scoring.py motcua/reports/tests/test_scoring.py
#
# On PostgreSQL (DATABASE_URL=postgres://…) each run reuses its test database (--reuse-db), which
# makes a mutant ~3 s instead of ~15 s on SQLite, whose in-memory test database is rebuilt.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MUTMUT="$ROOT/.venv-mutation/bin/mutmut"
PYTHON="$ROOT/.venv/bin/python"
BUDGET=${BUDGET:-900}
WORK=${MUTATION_DIR:-$ROOT/var/mutation}

TARGETS=(
  "motcua/reports/index766/scoring.py motcua/reports/tests/test_scoring.py"
  "motcua/dossiers/constants.py motcua/dossiers/tests/test_transition_table.py motcua/dossiers/tests/test_state_machine.py"
  "motcua/payments/signing.py motcua/payments/tests/test_protocol.py"
  "motcua/dossiers/access.py motcua/dossiers/tests/test_access.py motcua/dossiers/tests/test_capacity_levels.py"
  "motcua/worktime/clock.py motcua/worktime/tests/test_clock.py motcua/worktime/tests/test_pauses.py"
  "motcua/dossiers/clock.py motcua/dossiers/tests/test_appointment.py"
)
if [ $# -gt 0 ]; then TARGETS=("$*"); fi

rm -rf "$WORK"; git -C "$ROOT" worktree prune
git -C "$ROOT" worktree add -q --detach "$WORK" HEAD || exit 1
ln -s "$ROOT/.venv" "$WORK/.venv"
cd "$WORK" || exit 1
REUSE=""
case "${DATABASE_URL:-}" in postgres*) REUSE="--reuse-db" ;; esac
for target in "${TARGETS[@]}"; do
  read -r module tests <<<"$target"
  echo "== $module ($(date +%T)), tests: $tests"
  timeout "$BUDGET" "$MUTMUT" run --paths-to-mutate "$module" --no-progress --simple-output \
    --runner "$PYTHON -m pytest -x -q -p no:cacheprovider $REUSE $tests" >/dev/null 2>&1
  status=$?
  [ $status -eq 124 ] && echo "   stopped after ${BUDGET}s (BUDGET=…)"
  git checkout -q -- motcua; find motcua -name '*.py.bak' -delete  # a stopped run leaves its mutant
done
echo; "$MUTMUT" results
echo
echo "Mutants live in $WORK: cd there, then '$MUTMUT show N'. mutmut 2 counts only pytest's exit"
echo "code 1 as killed: a mutant that breaks the import (exit 2) is listed as survived; check it."
