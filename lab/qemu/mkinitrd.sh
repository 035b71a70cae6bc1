#!/bin/bash
# Builds the tiny test guest: Debian's kernel (downloaded, not installed, with `apt-get download`) and a busybox
# initramfs that boots to a root shell on ttyS0, loads the IPMI KCS driver and powers off on an ACPI button press;
# `burn` on the kernel command line adds a CPU-burning loop.
# Output (cached): .lab/qemu/vmlinuz and .lab/qemu/initrd.gz. Needs: busybox-static, cpio, dpkg-deb.
set -euo pipefail
out="$(cd "$(dirname "$0")/../.." && pwd)/.lab/qemu"
mkdir -p "$out"
cd "$out"
if [ ! -f vmlinuz ]; then
  kernel_pkg() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}'; }
  pkg=$(kernel_pkg || true)
  # A machine whose package lists were never fetched knows no kernel package yet.
  [ -n "$pkg" ] || { apt-get update -qq && pkg=$(kernel_pkg); }
  [ -n "$pkg" ] || { echo "mkinitrd: cannot find Debian's kernel package (linux-image-amd64)" >&2; exit 1; }
  ls "${pkg}"_*.deb >/dev/null 2>&1 || apt-get download "$pkg"
  rm -rf kx && mkdir kx
  dpkg-deb --fsys-tarfile "${pkg}"_*.deb | tar -x -C kx --wildcards './boot/vmlinuz-*' \
    './lib/modules/*/kernel/drivers/char/ipmi/ipmi_*.ko' './lib/modules/*/kernel/drivers/acpi/button.ko' \
    './lib/modules/*/kernel/drivers/input/evdev.ko'
  cp kx/boot/vmlinuz-* vmlinuz.tmp && mv vmlinuz.tmp vmlinuz
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,proc,sys,dev,tmp,lib/modules,etc/acpi/PWRF}
cp /bin/busybox "$root/bin/busybox"
for m in ipmi_msghandler ipmi_devintf ipmi_si button evdev; do
  find kx/lib/modules -name "$m.ko" -exec cp {} "$root/lib/modules/" \;
done
cat > "$root/etc/acpi/PWRF/00000080" <<'S'
#!/bin/sh
echo "labvm: ACPI power button, powering off" > /dev/console
sync; poweroff -f
S
chmod +x "$root/etc/acpi/PWRF/00000080"
cat > "$root/init" <<'S'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in ipmi_msghandler ipmi_devintf ipmi_si button evdev; do insmod /lib/modules/$m.ko 2>/dev/null; done
hostname labvm
# busybox acpid exits quietly when its log directory is missing
acpid -c /etc/acpi -l /tmp/acpid.log
echo "labvm: booted $(uname -r)"
# `burn` on the kernel command line keeps one CPU busy, for tests that watch CPU time grow.
grep -qw burn /proc/cmdline && { while :; do :; done & }
while :; do setsid cttyhack sh -l; done
S
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc 2>/dev/null | gzip -1) > initrd.gz.tmp && mv initrd.gz.tmp initrd.gz
echo "$out"
