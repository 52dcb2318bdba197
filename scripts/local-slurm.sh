#!/usr/bin/env bash
# A single-node Slurm on this machine, for trying `designspace sweep --launcher slurm` and for the
# launcher's tests. Needs root and the Debian packages slurm-wlm and munge (`install` gets them).
#
#   scripts/local-slurm.sh install        apt-get the packages if they are missing
#   scripts/local-slurm.sh start          start munged, slurmctld and slurmd; wait for the node
#   eval "$(scripts/local-slurm.sh env)"  point sbatch/squeue/sinfo at this cluster (SLURM_CONF)
#   scripts/local-slurm.sh stop           stop what start started
#
# Everything (configuration, state, logs, munge socket and key) lives under $DESIGNSPACE_SLURM_DIR
# (default /tmp/designspace-slurm); nothing under /etc is touched. There is no systemd here, so
# the daemons are started directly, as root.
set -euo pipefail

dir="${DESIGNSPACE_SLURM_DIR:-/tmp/designspace-slurm}"
host="$(hostname -s)"
conf="$dir/slurm.conf"
socket="$dir/munge/munge.socket.2"

say() { echo "local-slurm: $*" >&2; }

install_packages() {
  if command -v slurmctld >/dev/null && command -v munged >/dev/null; then
    return
  fi
  apt-get install -y slurm-wlm munge >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y slurm-wlm munge >/dev/null; }
}

listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# slurmctld and slurmd ports: 6817/6818 unless taken (another Slurm on this machine), then the next free pair
pick_ports() {
  ctld_port="${DESIGNSPACE_SLURM_PORT:-6817}"
  while listening "$ctld_port" || listening "$((ctld_port + 1))"; do
    ctld_port=$((ctld_port + 10))
  done
  slurmd_port=$((ctld_port + 1))
}

write_config() {
  pick_ports
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge" "$dir/log"
  chmod 755 "$dir" "$dir/munge"
  if [ ! -f "$dir/munge/munge.key" ]; then
    (umask 077 && dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none)
  fi
  chmod 600 "$dir/munge/munge.key"
  cat >"$conf" <<EOF
ClusterName=designspace
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
KillWait=10
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

node_state() {
  SLURM_CONF="$conf" sinfo -h -N -o '%t' 2>/dev/null | head -1
}

start() {
  if [ "$(id -u)" -ne 0 ]; then
    say "start needs root (the daemons run as root here)"
    exit 1
  fi
  install_packages
  if [ -f "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null; then
    say "already running (SLURM_CONF=$conf)"
    return
  fi
  write_config
  munged --force --socket="$socket" --key-file="$dir/munge/munge.key" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed" --origin=127.0.0.1
  export SLURM_CONF="$conf"
  slurmctld -c -f "$conf"
  slurmd -c -f "$conf"
  # ready when the node reports idle (or busy with earlier jobs)
  for _ in $(seq 1 120); do
    case "$(node_state)" in
      idle|mix|alloc) say "up: $(SLURM_CONF="$conf" sinfo -h -o '%P %D %t' | head -1) (SLURM_CONF=$conf)"; return ;;
    esac
    sleep 0.5
  done
  say "the node did not come up; logs in $dir/log:"
  tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
  exit 1
}

stop() {
  # jobs still running would outlive the cluster (and its directory)
  if [ -f "$dir/slurmctld.pid" ]; then
    SLURM_CONF="$conf" scancel --user="$(id -un)" 2>/dev/null || true
  fi
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    if [ -f "$pidfile" ]; then
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
      done
      rm -f "$pidfile"
    fi
  done
  say "stopped"
}

case "${1:-}" in
  install) install_packages ;;
  start) start ;;
  stop) stop ;;
  env) printf 'export SLURM_CONF=%q\n' "$conf" ;;
  *) echo "usage: $0 install|start|env|stop" >&2; exit 2 ;;
esac
