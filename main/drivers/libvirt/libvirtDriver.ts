import type { Host } from '../../../common/domain/host';
import { DEFAULT_LIBVIRT_URI } from '../../../common/domain/virt';
import { AppError } from '../../../common/result';
import type { Driver, DriverContext } from '../driver';
import { DomainOps } from './domainOps';
import { LibvirtPowerDriver } from './libvirtPowerDriver';
import { VirshClient, type HypervisorExec } from './virshClient';

/** virsh for a hypervisor host, over its pooled SSH connection (`exec` runs a command on that host). */
export function virshOn(hypervisor: Host, exec: HypervisorExec, uri?: string): VirshClient {
  return new VirshClient(exec, uri ?? hypervisor.hypervisor?.libvirtUri ?? DEFAULT_LIBVIRT_URI, hypervisor.name);
}

/** The domain behind a VM host: its parent is the hypervisor, its stored UUID (or name) the domain. */
export function domainOpsFor(
  vm: Host,
  hostById: (id: number) => Host,
  execOn: (hostId: number) => HypervisorExec,
): DomainOps {
  const { domainUuid, domainName } = vm.hypervisor ?? {};
  if (!domainUuid && !domainName)
    throw new AppError('unsupported', `${vm.name} is not a libvirt VM (discover its hypervisor first)`);
  if (!vm.parentId) throw new AppError('invalid_input', `${vm.name} has no hypervisor (parent host)`);
  const hypervisor = hostById(vm.parentId);
  return new DomainOps(virshOn(hypervisor, execOn(hypervisor.id)), {
    uuid: domainUuid ?? null,
    name: domainName ?? null,
  });
}

/** VMs' power through libvirt on their parent hypervisor, with virsh over the hypervisor's SSH connection. */
export function libvirtDriver(ctx: DriverContext): Driver {
  const execOn =
    (hostId: number): HypervisorExec =>
    (command, opts) => {
      if (!ctx.ssh.exec) throw new AppError('unsupported', 'libvirt needs the SSH feature to reach hypervisors');
      return ctx.ssh.exec(hostId, command, { timeoutMs: opts.timeoutMs, stdin: '' });
    };
  return {
    power: (host) => new LibvirtPowerDriver(domainOpsFor(host, (id) => ctx.host(id), execOn)),
  };
}
