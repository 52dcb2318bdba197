<#ftl output_format="shell" strip_whitespace=true>
<#-- interpolations are [=value] (set by SbatchScript), so that bash's ${...} stays bash -->
#!/usr/bin/env bash
<#list directives as directive>
#SBATCH [=directive]
</#list>
#
# A designspace sweep as a Slurm array job: array task I trains model I of the sweep's
# manifest.json with `designspace train`, into models/CLASS/ of the sweep directory, and resumes
# from the model's last checkpoint when Slurm requeues the task. Written by
# `designspace sweep --launcher slurm`: rerun that command to submit the models without a result,
# run `designspace sweep DIR --status` to see where the sweep stands. Every value below is a
# single-quoted shell word. Set DESIGNSPACE_JAVA to run another java on the nodes.
set -o pipefail

sweep=[=sweep]
java=[=java]
if [ -n "${DESIGNSPACE_JAVA:-}" ]; then java=$DESIGNSPACE_JAVA; fi
java_options=(
<#list javaOptions as option>
  [=option]
</#list>
)
classpath=[=classpath]
main=[=mainClass]
cpus=[=cpus?c]
train_options=(
<#list trainArguments as argument>
  [=argument]
</#list>
)

task="${SLURM_ARRAY_TASK_ID:?submit this script with sbatch, as an array job}"
case "$task" in
<#list models as m>
  [=m.position?c]) id=[=m.id] name_json=[=m.nameJson] flops=[=m.flops?c] params=[=m.params?c] acts=[=m.acts?c] ;;
</#list>
  *) echo "this sweep has no model with index $task" >&2; exit 2 ;;
esac
cd -- "$sweep" || exit 1
out="$sweep/models/$id"
mkdir -p -- "$out" || exit 1
echo "$(date '+%F %T') task $task: $id (job ${SLURM_ARRAY_JOB_ID:-?}, restart ${SLURM_RESTART_COUNT:-0}, on $(hostname))"

# One task per model at any time, across resubmissions and requeues. The lock passes to java, so a
# requeued task's java that is still stopping (up to Slurm's KillWait) holds it: wait for that,
# but leave the model to a task that is still training it. An error here is the task's failure.
lock_wait="${DESIGNSPACE_LOCK_WAIT:-300}"
[[ "$lock_wait" =~ ^[0-9]+$ ]] || { echo "DESIGNSPACE_LOCK_WAIT must be a number of seconds, got '$lock_wait'" >&2; exit 2; }
exec 9>>"$out/task.lock" || exit 1
flock -E 75 -w "$lock_wait" 9
locked=$?
if [ "$locked" -eq 75 ]; then
  echo "another task has held $out/task.lock for $lock_wait s and is training $id; this task leaves the model to it"
  exit 0
elif [ "$locked" -ne 0 ]; then
  echo "cannot lock $out/task.lock (does this file system support flock?)" >&2
  exit 1
fi
# a result is final unless its model was lost to its environment or interrupted (then it is set aside
# and trained again, as a requeue after a node failure needs); the launcher sets the other failed ones
# aside when --retry-failed submits them again
if [ -f "$out/result.json" ]; then
  if grep -Eq '"cause" : "(environment|interrupted)"' "$out/result.json"; then
    n=1
    while [ -e "$out/previous-result-$n.json" ]; do n=$((n + 1)); done
    mv -- "$out/result.json" "$out/previous-result-$n.json" || exit 1
    echo "$id lost its last run to its environment; training it again"
  else
    echo "$id already has a result; nothing to do"
    exit 0
  fi
fi

export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-1}"
# oneDNN kernels on: without them TensorFlow cannot train grouped convolutions on most CPUs
export TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-1}"
export DESIGNSPACE_PLAIN_PROGRESS=1
# java in the background and waited for, so that the SIGTERM of a time limit or scancel reaches it
# while this script lives on to record what stopped it
"$java" "${java_options[@]}" -cp "$classpath" "$main" train "$sweep" --model "$id" --out "$out" --resume \
  --threads "${SLURM_CPUS_PER_TASK:-$cpus}" "${train_options[@]}" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM
wait "$pid"
code=$?
while kill -0 "$pid" 2>/dev/null; do # wait returned for the trap: wait for java itself
  wait "$pid"
  code=$?
done
if [ "$code" -ne 0 ] && [ ! -f "$out/result.json" ]; then
  # train ended without a result (killed, crashed, or no java): record the failure and its cause as the local
  # launcher does, field by field as designspace writes a failed result (runfiles.ModelResult.failure), so it
  # reads the same. A kill or a stop (a node failure, a time limit, scancel) is the environment's or an
  # interruption, and a resubmission trains the model again; anything else is the model's.
  cause=model
  why="train exited with code $code and no result"
  if [ "$code" -gt 128 ] && [ "$code" -lt 160 ]; then
    case $((code - 128)) in
      9) cause=environment; why="train was killed (SIGKILL: a node failure, the out-of-memory killer, or scancel) and left no result" ;;
      1|2|15) cause=interrupted; why="train was stopped (signal $((code - 128)): a time limit, scancel or a requeue) and left no result" ;;
      *) why="train crashed (signal $((code - 128))) and left no result" ;;
    esac
  elif [ "$code" -eq 3 ] && tail -n 5 "slurm/logs/task-$task.log" 2>/dev/null | grep -q OutOfMemoryError; then
    cause=environment
    why="the JVM of train ran out of memory and left no result"
  fi
  printf '{\n  "id" : %s,\n  "status" : "failed",\n  "error" : 100.0,\n  "flops" : %s,\n  "params" : %s,\n  "acts" : %s,\n  "message" : "%s; see slurm/logs/task-%s.log",\n  "cause" : "%s"\n}\n' \
    "$name_json" "$flops" "$params" "$acts" "$why" "$task" "$cause" >"$out/result.json.tmp" \
    && mv -f -- "$out/result.json.tmp" "$out/result.json"
fi
exit "$code"
