#!/bin/sh
# chassis_control program for ipmi_sim: a stateful fake chassis (power, boot device, identify) kept in files.
# ipmi_sim runs it as: chassis.sh STATEDIR get power boot ...   or   chassis.sh STATEDIR set power 0|1 reset 1 ...
d=$1; shift; op=$1; shift
mkdir -p "$d"
[ -f "$d/power" ] || echo "${LAB_INITIAL_POWER:-1}" > "$d/power"
[ -f "$d/boot" ] || echo default > "$d/boot"
echo "$(date +%s.%N) $op $*" >> "$d/log"
case $op in
  get)
    for p in "$@"; do
      case $p in
        power) echo "power:$(cat "$d/power")" ;;
        boot) echo "boot:$(cat "$d/boot")" ;;
        *) echo "Invalid parameter: $p"; exit 1 ;;
      esac
    done ;;
  set)
    while [ $# -gt 0 ]; do
      p=$1; v=$2; shift 2
      case $p in
        power) echo "$v" > "$d/power" ;;
        reset) date +%s.%N > "$d/last_reset" ;;
        boot) echo "$v" > "$d/boot" ;;
        # A graceful shutdown request: the "OS" honours it at once.
        shutdown) echo 0 > "$d/power" ;;
        identify) echo "$v" > "$d/identify" ;;
        *) echo "Invalid parameter: $p"; exit 1 ;;
      esac
    done ;;
  check) exit 1 ;;
  *) echo "Unknown operation: $op"; exit 1 ;;
esac
exit 0
