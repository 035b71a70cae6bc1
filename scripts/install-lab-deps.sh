#!/usr/bin/env bash
# Installs the Debian packages the test suite and the lab need (real sshd, IPMI simulators, QEMU, libvirt, VNC
# servers, Prometheus, the reference tools OpenSSH and Ansible, Chromium...).
# Idempotent: does nothing when every package is already installed.
set -euo pipefail
PACKAGES=(
  openssh-server openssh-client
  openipmi ipmitool freeipmi-tools
  gcc libc6-dev libopenipmi-dev
  qemu-system-x86 qemu-utils busybox-static cpio
  libvirt-clients libvirt-daemon-system libvirt-daemon-driver-qemu
  xvfb x11vnc tigervnc-standalone-server tigervnc-tools xclip
  prometheus prometheus-node-exporter
  ansible-core redfishtool python3-sushy
  socat expect netcat-openbsd iproute2 openssl procps
  chromium fonts-noto-cjk fonts-wqy-microhei
)
missing=()
for p in "${PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing: ${missing[*]}"
# Packages that ship daemons (libvirt, prometheus, node-exporter) would start them on every interface: forbid
# service starts during the install; the tests start each daemon themselves on loopback with its own state.
policy=/usr/sbin/policy-rc.d
created_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  created_policy=1
fi
trap '[ -n "$created_policy" ] && $SUDO rm -f "$policy"' EXIT
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
