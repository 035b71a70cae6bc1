import type { Host } from '../../../common/domain/host';
import { AppError } from '../../../common/result';
import { virshOn } from '../../drivers/libvirt/libvirtDriver';
import { liveVncGraphics, type VncGraphics } from '../../drivers/libvirt/vncGraphics';
import type { HypervisorExec } from '../../drivers/libvirt/virshClient';
import type { VncEndpoint } from './vncTransport';

/** Listen addresses that mean "every interface": the hypervisor's own loopback reaches them. */
const ANY_ADDRESS = new Set(['', '0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0', 'localhost']);
const VALID_ADDRESS = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/;

/**
 * Where a VM's screen is, seen from its hypervisor: its unix socket, or its port on the listen address — an
 * "any" or empty listen address is reached on 127.0.0.1 (always through the hypervisor's SSH connection, so a VM
 * listening on 0.0.0.0 is never opened across the network).
 */
export function vmScreenEndpoint(vm: string, found: { vnc: VncGraphics | null; others: string[] }): VncEndpoint {
  const g = found.vnc;
  if (!g) {
    const others = found.others.length ? ` (it has ${found.others.join(', ')} only)` : '';
    throw new AppError('unsupported', `${vm} has no VNC graphics${others}`);
  }
  if (g.socket) return { socket: g.socket };
  if (g.noListener)
    throw new AppError('unsupported', `${vm}'s VNC has no listener (listen type none): nothing can connect to it`);
  if (g.port === null)
    throw new AppError(
      'conflict',
      g.running ? `${vm}'s VNC port is not known yet` : `${vm} is not running: its VNC port is given when it starts`,
    );
  const listen = (g.listen ?? '').trim();
  const address = ANY_ADDRESS.has(listen.toLowerCase()) ? '127.0.0.1' : listen.replace(/^\[(.*)\]$/, '$1');
  if (!VALID_ADDRESS.test(address))
    throw new AppError('remote_error', `${vm}'s VNC listen address is unreadable: ${JSON.stringify(listen)}`);
  return { address, port: g.port };
}

/** A VM's libvirt domain and the hypervisor that runs it: an inventory VM, or a domain named on a host. */
export interface VmRef {
  hypervisor: Host;
  domain: string;
  uri?: string;
  label: string;
}

/** Reads the VM's live graphics on its hypervisor (one virsh call over the pooled SSH connection). */
export async function resolveVmScreen(ref: VmRef, exec: HypervisorExec): Promise<VncEndpoint> {
  const found = await liveVncGraphics(virshOn(ref.hypervisor, exec, ref.uri), ref.domain);
  return vmScreenEndpoint(ref.label, found);
}
