#!/usr/bin/env bash
# Compares `watlab run` with the `wasmi` command-line tool on the benchmark kernels, each given
# the same .wat file, timing whole processes (start-up, assembling, compiling and running).
# Target: watlab within 1.1x.
#
# Usage: bash benches/vs-wasmi-cli.sh [RUNS]        (from the repository root; RUNS defaults to 5)
#
# Needs target/release/watlab (`cargo build --release`) and the wasmi CLI, which this script
# installs into target/tools if missing (`cargo install wasmi_cli --locked --root target/tools`;
# it is a tool, not a dependency). The wasmi CLI takes its flags before the file:
# `wasmi --invoke NAME FILE ARGS...`. Uses hyperfine when installed, else a plain timing loop.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
watlab=target/release/watlab
wasmi=target/tools/bin/wasmi

[ -x "$watlab" ] || cargo build --release
[ -x "$wasmi" ] || cargo install wasmi_cli --locked --root target/tools

# name | file | export and arguments. Same sizes as benches/kernels.rs (about 0.4 s each).
kernels=(
  "fib|benches/kernels/fib.wat|fib 35"
  "sieve|benches/kernels/sieve.wat|sieve 1000000 38"
  "matmul|benches/kernels/matmul.wat|matmul 224"
)

# Both tools must agree on the answer before their times are compared.
for k in "${kernels[@]}"; do
  IFS='|' read -r name file call <<<"$k"
  read -r -a words <<<"$call"
  ours=$("$watlab" run "$file" --invoke "${words[@]}" | sed 's/ : .*//')
  theirs=$("$wasmi" --invoke "${words[0]}" "$file" "${words[@]:1}" | tail -n 1)
  echo "$name: watlab says $ours; wasmi says $theirs"
done
echo

# Mean wall-clock seconds of RUNS runs of a command, for when hyperfine is missing.
mean_seconds() {
  local start end
  "$@" >/dev/null # warm-up: page cache, lazy binding
  start=$(date +%s.%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null; done
  end=$(date +%s.%N)
  echo "($end - $start) / $runs" | bc -l
}

for k in "${kernels[@]}"; do
  IFS='|' read -r name file call <<<"$k"
  read -r -a words <<<"$call"
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "$runs" -N \
      --command-name "watlab $name" "$watlab run $file --invoke $call" \
      --command-name "wasmi $name" "$wasmi --invoke ${words[0]} $file ${words[*]:1}"
  else
    ours=$(mean_seconds "$watlab" run "$file" --invoke "${words[@]}")
    theirs=$(mean_seconds "$wasmi" --invoke "${words[0]}" "$file" "${words[@]:1}")
    printf '%-7s watlab %.3f s   wasmi %.3f s   ratio %.2fx\n' "$name" "$ours" "$theirs" "$(echo "$ours / $theirs" | bc -l)"
  fi
done
