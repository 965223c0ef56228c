#!/usr/bin/env bash
# The floor under the booking and answer targets of issues 4 and 5 (point 11): how fast can the
# stack answer those POSTs when the action does (almost) nothing? Runs bench/meetings-fair.ts and
# bench/sourcing.ts against a scratch copy of the committed app with bench/floor/floor.patch
# applied, once per FLOOR mode:
#   express  Express answers the POST with the same redirect and cookie, before Remix
#   remix    the Remix action returns the redirect with its toast cookie at once
#   session  the action reads what every real answer needs first (the session; for sourcing also
#            the questionnaire and the form), then returns the redirect
#   (real)   the unchanged action, for comparison
# The correctness checks of both benchmarks fail in the floor modes (nothing is booked or saved):
# only the latency rows mean something here. About ten minutes; nothing is left behind.
#
#   bash bench/floor.sh [runs per mode, default 1]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-1}"
[[ -d "$root/node_modules" && -d "$root/app/generated/prisma" ]] || { echo "Run npm install first (node_modules and the generated Prisma client are needed)." >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$root" archive HEAD | tar -x -C "$work"
ln -s "$root/node_modules" "$work/node_modules"
cp -r "$root/app/generated" "$work/app/"
(cd "$work" && git apply "$root/bench/floor/floor.patch" && npm run build >/dev/null)

cd "$work"
for mode in express remix session real; do
  for ((run = 1; run <= runs; run++)); do
    echo "== FLOOR=$mode, run $run"
    FLOOR="$([[ $mode == real ]] && echo "" || echo "$mode")" npx tsx bench/meetings-fair.ts --only race 2>&1 | grep -E "booking race, 50|point-10 race ×" | cut -c1-120 || true
    FLOOR="$([[ $mode == real ]] && echo "" || echo "$mode")" npx tsx bench/sourcing.ts 2>&1 | grep -E "submissions over HTTP" | head -1 || true
  done
done
