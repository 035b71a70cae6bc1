import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { labCacheDir, REPO_ROOT } from '../labPaths';
import { freeUdpPort } from '../ipmi/udpPorts';
import { freeTcpPort } from '../ssh/freeTcpPort';
import { readPidFile, startSimBmc, type SimBmc } from '../ipmi/ipmiSimLab';

/** Kernel + busybox initramfs, built once by mkinitrd.sh and cached under .lab/qemu. */
export function guestImages(): { kernel: string; initrd: string } {
  const dir = labCacheDir('qemu');
  const kernel = join(dir, 'vmlinuz');
  const initrd = join(dir, 'initrd.gz');
  if (!existsSync(kernel) || !existsSync(initrd))
    execFileSync(join(REPO_ROOT, 'lab/qemu/mkinitrd.sh'), { stdio: 'ignore' });
  return { kernel, initrd };
}

export interface QemuBmc extends SimBmc {
  /** QEMU writes its PID here while the guest is powered on. */
  qemuPidFile: string;
  qemuPid(): number | null;
}

/**
 * An ipmi_sim BMC whose chassis power is a real (TCG) QEMU guest: power on starts QEMU, off ends it, reset
 * reboots the guest, soft presses the ACPI button (the guest's acpid powers off), and SOL is the guest's ttyS0.
 * The guest also sees the BMC as /dev/ipmi0 through QEMU's ipmi-bmc-extern link. Starts powered off.
 */
export async function startQemuBmc(root: string, name: string, password = 'secret'): Promise<QemuBmc> {
  const { kernel, initrd } = guestImages();
  const [port, link, serial] = [await freeUdpPort('127.0.0.1'), await freeTcpPort(), await freeTcpPort()];
  const dir = join(root, name);
  const qemuPidFile = join(dir, 'qemu.pid');
  const qemu = [
    'qemu-system-x86_64 -accel tcg -m 128 -display none -nodefaults',
    `-kernel ${kernel} -initrd ${initrd} -append 'console=ttyS0 panic=-1'`,
    `-chardev socket,id=ipmi0,host=127.0.0.1,port=${link},reconnect=10`,
    '-device ipmi-bmc-extern,id=bmc0,chardev=ipmi0 -device isa-ipmi-kcs,bmc=bmc0',
    `-serial tcp:127.0.0.1:${serial},server=on,wait=off -pidfile ${qemuPidFile}`,
  ].join(' ');
  const chassisConf = [
    `  serial 15 127.0.0.1 ${link} codec VM`,
    `  startcmd "${qemu}"`,
    `  sol "tcp:127.0.0.1:${serial}" 115200`,
    '  startnow false',
    '  poweroff_wait 20',
    '  kill_wait 5',
  ].join('\n');
  const bmc = await startSimBmc(root, { name, port, password, chassisConf });
  return { ...bmc, qemuPidFile, qemuPid: () => readPidFile(qemuPidFile) };
}
