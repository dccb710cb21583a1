#!/usr/bin/env bash
# `scripts/bench --compare OLD.json NEW.json` prints every figure of either run beside the
# other with new/old and which way is better, and runs nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/old.json" <<'JSON'
{"commit": "1111111", "date": "2026-12-01T10:00:00Z", "nproc": 2, "load_average": [1.5, 1.2, 1.0],
 "results": {"http_c64_orders_per_s": 1000.0, "http_c64_p99_ms": 50.0, "http_placed_orders": 30000.0,
             "http_writes_per_order": 4.0, "search_p99_ms": 0.8,
             "http_c64_refused": 0.0, "http_c1_errors": 0.0}}
JSON
cat >"$work/new.json" <<'JSON'
{"commit": "2222222", "date": "2026-12-02T10:00:00Z", "nproc": 2, "load_average": [3.0, 2.0, 1.0],
 "results": {"raw_single_commits_per_s": 4000.0, "http_c64_orders_per_s": 1500.0,
             "http_c64_p99_ms": 25.0, "http_placed_orders": 45000.0, "http_writes_per_order": 4.0,
             "http_c64_refused": 0.0, "http_c1_errors": 3.0}}
JSON

fail() {
  echo "compare_test: $*" >&2
  echo "--- output:" >&2
  echo "$out" >&2
  exit 1
}
# One row: the figure's name, old, new, new/old and the better direction (none: empty).
expect_row() {
  local row="^$1 +$2 +$3 +$4"
  [ -z "$5" ] || row="$row +$5"
  grep -Eq "$row\$" <<<"$out" || fail "no row matching: $*"
}

out=$(BENCH_RESULTS_DIR="$work/results" "$root/scripts/bench" --compare "$work/old.json" "$work/new.json")
grep -q 'commit 1111111' <<<"$out" || fail "the old run's commit is not named"
grep -q 'commit 2222222' <<<"$out" || fail "the new run's commit is not named"
expect_row http_c64_orders_per_s 1000 1500 1.50 higher
expect_row http_c64_p99_ms 50 25 0.50 lower
expect_row http_writes_per_order 4 4 1.00 lower
expect_row http_placed_orders 30000 45000 1.50 ''
# Zero before: no ratio, unless it is still zero.
expect_row http_c64_refused 0 0 1.00 lower
expect_row http_c1_errors 0 3 - lower
# A figure only one run has is shown with a dash for the other.
expect_row raw_single_commits_per_s - 4000 - higher
expect_row search_p99_ms 0.8 - - lower
# Nothing ran: no server, no results file.
[ ! -e "$work/results" ] || fail "a comparison of two files wrote results"

# A file that is not a results file is refused with a message.
echo 'not json' >"$work/bad.json"
if "$root/scripts/bench" --compare "$work/bad.json" "$work/new.json" >"$work/bad.out" 2>&1; then
  out=$(cat "$work/bad.out")
  fail "a broken file was compared"
fi
grep -q 'bad.json' "$work/bad.out" || { out=$(cat "$work/bad.out"); fail "the broken file is not named"; }
echo "compare_test: ok"
