#!/usr/bin/env bash
# Counts the machine instructions `watlab run` and the `wasmi` command-line tool execute on the
# benchmark kernels, with valgrind's callgrind: deterministic, unlike wall time on a shared
# machine. The kernels run at smaller sizes than in vs-wasmi-cli.sh, since callgrind is about
# 50 times slower than native. Both tools get their default settings.
#
# Usage: bash benches/instructions.sh      (from the repository root; needs valgrind, and the
# wasmi CLI that vs-wasmi-cli.sh installs into target/tools)
set -euo pipefail
cd "$(dirname "$0")/.."

watlab=target/release/watlab
wasmi=target/tools/bin/wasmi
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
[ -x "$watlab" ] || cargo build --release
[ -x "$wasmi" ] || cargo install wasmi_cli --locked --root target/tools

kernels=(
  "fib|benches/kernels/fib.wat|fib 27"
  "sieve|benches/kernels/sieve.wat|sieve 100000 10"
  "matmul|benches/kernels/matmul.wat|matmul 96"
)

# Total instructions of one run, from callgrind's summary line.
count() {
  local out
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >/dev/null 2>"$out" || true
  grep -oE 'Collected : [0-9]+' "$out" | grep -oE '[0-9]+'
  rm -f "$out"
}

printf '%-7s %16s %16s %8s\n' kernel wasmi watlab ratio
for k in "${kernels[@]}"; do
  IFS='|' read -r name file call <<<"$k"
  read -r -a words <<<"$call"
  theirs=$(count "$wasmi" --invoke "${words[0]}" "$file" "${words[@]:1}")
  ours=$(count "$watlab" run "$file" --invoke "${words[@]}")
  printf '%-7s %16s %16s %7.3fx\n' "$name" "$theirs" "$ours" "$(echo "$ours / $theirs" | bc -l)"
done
