import { primaryAddress, type Host } from '../../../../common/domain/host';
import { nameLookup } from './hostReferences';

/** One `Host` block per host; ProxyJump names the next hop's block, so ssh follows whole chains itself. */
export function exportSshConfig(hosts: readonly Host[]): string {
  const nameOf = nameLookup(hosts);
  const blocks = hosts.map((h) => {
    const lines = [`Host ${h.name}`];
    const address = primaryAddress(h);
    if (address) lines.push(`  HostName ${address}`);
    if (h.ssh.user) lines.push(`  User ${h.ssh.user}`);
    if (h.ssh.port) lines.push(`  Port ${h.ssh.port}`);
    const jump = nameOf(h.ssh.jumpHostId);
    if (jump) lines.push(`  ProxyJump ${jump}`);
    if (h.ssh.identityFile) lines.push(`  IdentityFile ${quote(h.ssh.identityFile)}`);
    return lines.join('\n');
  });
  return `# Written by Labvisor\n\n${blocks.join('\n\n')}\n`;
}

function quote(path: string): string {
  return /\s/.test(path) ? `"${path}"` : path;
}
