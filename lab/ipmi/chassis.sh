# chassis_control program for ipmi_sim: a stateful fake chassis (power, boot device, identify) kept in files.
# ipmi_sim hands every chassis request (each Get Chassis Status too) to `sh -c "PROGRAM get power"` or
# `sh -c "PROGRAM set power 0|1 reset 1 ..."`, where a real BMC answers from its firmware. So PROGRAM is
# `. chassis.sh; chassis STATEDIR`: this file is sourced, not executed, and the function uses shell builtins
# only, so a request costs the one shell ipmi_sim starts anyway (mkdir, cat and date processes cost four).
chassis() {
  d=$1
  shift
  op=$1
  shift
  [ -d "$d" ] || mkdir -p "$d"
  [ -f "$d/power" ] || echo "${LAB_INITIAL_POWER:-1}" >"$d/power"
  [ -f "$d/boot" ] || echo default >"$d/boot"
  echo "$op $*" >>"$d/log"
  case $op in
    get)
      for p in "$@"; do
        case $p in
          power) read -r v <"$d/power" && echo "power:$v" ;;
          boot) read -r v <"$d/boot" && echo "boot:$v" ;;
          *) echo "Invalid parameter: $p" && return 1 ;;
        esac
      done
      ;;
    set)
      while [ $# -gt 0 ]; do
        p=$1
        v=$2
        shift 2
        case $p in
          power) echo "$v" >"$d/power" ;;
          reset) date +%s.%N >"$d/last_reset" ;;
          boot) echo "$v" >"$d/boot" ;;
          # A graceful shutdown request: the "OS" honours it at once.
          shutdown) echo 0 >"$d/power" ;;
          identify) echo "$v" >"$d/identify" ;;
          *) echo "Invalid parameter: $p" && return 1 ;;
        esac
      done
      ;;
    check) return 1 ;;
    *) echo "Unknown operation: $op" && return 1 ;;
  esac
}
