#!/usr/bin/env bash
# The Slurm launcher's overhead against the local launcher, side by side in one run: the same
# sweep (N tiny models on synthetic data) with 2 local workers and as a Slurm array job of 2 tasks
# at a time (1 CPU each), alternated ROUNDS times. Needs a running Slurm (scripts/local-slurm.sh).
#   benchmarks/scripts/slurm-vs-local.sh [N] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-8}"
rounds="${2:-2}"
work="$(mktemp -d /tmp/designspace-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cat >"$work/tiny.yaml" <<'SPEC'
name: BenchTiny
network: {input: {size: 8, channels: 1}, classes: 4, stem: {type: cifar, width: 8}, block: x}
sample: {family: anynet, stages: 1, depth: {dist: uniform, low: 1, high: 2, q: 1},
  width: {dist: uniform, low: 8, high: 24, q: 8}, group_width: [4, 8]}
SPEC
train=(--epochs 1 --dataset synthetic:2048 --batch-size 32 --test-limit 256)
./designspace --version >/dev/null # build once, outside the timings

seconds() { date +%s.%N; }
for round in $(seq 1 "$rounds"); do
  start=$(seconds)
  ./designspace sweep "$work/tiny.yaml" -n "$n" --seed "$round" --workers 2 --out "$work/local-$round" "${train[@]}" >/dev/null 2>&1
  local_s=$(echo "$(seconds) - $start" | bc)

  start=$(seconds)
  job=$(./designspace sweep "$work/tiny.yaml" -n "$n" --seed "$round" --launcher slurm --max-parallel 2 --cpus-per-task 1 \
    --out "$work/slurm-$round" "${train[@]}" | sed -n 's/^submitted job \([0-9]*\).*/\1/p')
  # poll the queue itself (a status JVM every poll would take CPU from the tasks)
  while squeue -h -r -j "$job" 2>/dev/null | grep -q .; do
    sleep 0.2
  done
  ./designspace sweep "$work/slurm-$round" --status | grep -q "done $n," || echo "round $round: not every model is done" >&2
  slurm_s=$(echo "$(seconds) - $start" | bc)
  printf 'round %d: %d models, local 2 workers %.1f s, slurm %%2 %.1f s, slurm/local %.2f\n' \
    "$round" "$n" "$local_s" "$slurm_s" "$(echo "$slurm_s / $local_s" | bc -l)"
done
