#!/usr/bin/env bash
# Runs a command while CPU hogs (`yes > /dev/null`, two by default: one per core of a CI machine) keep
# the machine busy, to see the tests pass under load:
#
#   scripts/busy.sh bash .ci/run
#   HOGS=4 scripts/busy.sh npx vitest run --project e2e
#
# The hogs are stopped by their own PIDs however the command ends; its exit code is passed on.
set -uo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 command [args...]" >&2
  exit 2
fi

hogs=()
stop_hogs() {
  if ((${#hogs[@]} > 0)); then
    kill "${hogs[@]}" 2>/dev/null
    wait "${hogs[@]}" 2>/dev/null
  fi
}
trap stop_hogs EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for ((i = 0; i < ${HOGS:-2}; i++)); do
  yes >/dev/null &
  hogs+=("$!")
done
echo "busy: ${#hogs[@]} hogs (PIDs ${hogs[*]}); $(uptime)" >&2

started=$SECONDS
"$@"
status=$?
echo "busy: exit ${status} after $((SECONDS - started)) s; $(uptime)" >&2
exit "$status"
