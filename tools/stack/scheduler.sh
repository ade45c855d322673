#!/usr/bin/env bash
# The stack's scheduled jobs (cron's work, docs/configuration.md §8): one loop, each job at its
# period. Runs until killed; a job's failure is logged and retried at the next period.
set -u
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
minute=0
while true; do
  $PY manage.py send_notifications || echo '{"level":"ERROR","logger":"scheduler","message":"send_notifications failed"}'
  if (( minute % 5 == 0 )); then
    $PY manage.py integrations drain || echo '{"level":"ERROR","logger":"scheduler","message":"integrations drain failed"}'
    $PY manage.py webhooks drain || echo '{"level":"ERROR","logger":"scheduler","message":"webhooks drain failed"}'
    $PY manage.py postal_poll || echo '{"level":"ERROR","logger":"scheduler","message":"postal_poll failed"}'
  fi
  if (( minute % 60 == 30 )); then
    $PY manage.py sweep_orphans || echo '{"level":"ERROR","logger":"scheduler","message":"sweep_orphans failed"}'
  fi
  minute=$((minute + 1))
  sleep "${SCHEDULER_TICK:-60}"
done
