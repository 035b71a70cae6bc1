#!/usr/bin/env bash
# Installs the Debian packages the test suite and the lab need (real sshd, IPMI simulators, QEMU, Chromium...).
# Idempotent: does nothing when every package is already installed.
set -euo pipefail
PACKAGES=(
  openssh-server openssh-client
  openipmi ipmitool freeipmi-tools
  qemu-system-x86 busybox-static cpio
  libvirt-clients
  socat expect netcat-openbsd iproute2 openssl procps
  chromium fonts-noto-cjk fonts-wqy-microhei
)
missing=()
for p in "${PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
