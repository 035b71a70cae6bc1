#!/bin/bash
# Makes sure one libvirtd (+ virtlogd) serves qemu:///system on this machine, shared by every test run.
# Reuses a running daemon; starts one only if none runs, under a lock so parallel test runs start at most one.
# Prints "started" or "reused". Never stops anything: other test runs may be using the daemon.
# Also puts the lab SSH user (argument 1, optional) in group libvirt so `virsh -c qemu:///system` works over SSH.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lab_user="${1:-}"
if [ -n "$lab_user" ] && id "$lab_user" >/dev/null 2>&1 && ! id -nG "$lab_user" | grep -qw libvirt; then
  usermod -aG libvirt "$lab_user"
fi
# Debian's udev rule gives /dev/kvm to group kvm (libvirt-qemu's group); a container without udev leaves it
# root-only. libvirt then finds "KVM enabled when probing, but not available now", throws its QEMU capability
# cache away on every call and re-probes (20-60 s per define or start on this machine). Restore the Debian mode.
if [ -c /dev/kvm ] && getent group kvm >/dev/null && [ "$(stat -c %G:%a /dev/kvm)" != kvm:660 ]; then
  chgrp kvm /dev/kvm && chmod 660 /dev/kvm
fi
mkdir -p /var/log/libvirt/qemu /run/libvirt /var/lib/libvirt/qemu /var/cache/libvirt/qemu
exec 9>/run/lock/labvisor-lab-libvirtd.lock
flock -w 120 9
answers() { timeout 20 virsh -q -c qemu:///system uri >/dev/null 2>&1; }
if pgrep -x libvirtd >/dev/null; then
  # Someone else's daemon may still be starting: wait for its socket rather than starting a second one.
  for _ in $(seq 1 200); do answers && { echo reused; exit 0; }; sleep 0.1; done
  echo "ensureLibvirtd: a libvirtd runs but qemu:///system does not answer" >&2
  exit 1
fi
# The daemons must not inherit the lock (fd 9), or they would hold it for their whole life.
pgrep -x virtlogd >/dev/null || virtlogd -d 9>&-
libvirtd -d -f "$here/libvirtd.conf" 9>&-
for _ in $(seq 1 300); do answers && { echo started; exit 0; }; sleep 0.1; done
echo "ensureLibvirtd: libvirtd did not answer within 30 s" >&2
exit 1
