#!/bin/sh
# chassis_control for ipmi_sim whose "machine" is a real sshd: powering on starts it after DELAY seconds (a boot),
# powering off stops it. A file `no-ssh` in STATEDIR makes the machine come up without SSH (a failed boot).
# ipmi_sim runs it as: sshdChassis.sh STATEDIR SSHD_CONFIG PIDFILE DELAY get|set ...
d=$1; cfg=$2; pidfile=$3; delay=$4; shift 4
here=$(dirname "$0")
. "$here/chassis.sh"
chassis "$d" "$@" || exit $?
[ "$1" = set ] || exit 0
shift
while [ $# -gt 0 ]; do
  p=$1; v=$2; shift 2
  case $p:$v in
    power:1)
      [ -f "$d/no-ssh" ] || (sleep "$delay"; /usr/sbin/sshd -f "$cfg") </dev/null >/dev/null 2>&1 &
      ;;
    power:0|shutdown:*)
      [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
      rm -f "$pidfile"
      ;;
  esac
done
exit 0
