import { primaryAddress, type Host } from '../../../../common/domain/host';
import { nameLookup } from './hostReferences';
import { proxyJumpArg, sshConfigArg } from './sshConfigQuote';

/**
 * One `Host` block per host; ProxyJump names the next hop's block, so ssh follows whole chains itself. Names,
 * users and addresses passed the domain grammar (no spaces, `*`, `%`, quotes); every value is still written
 * through `sshConfigArg`.
 */
export function exportSshConfig(hosts: readonly Host[]): string {
  const nameOf = nameLookup(hosts);
  const blocks = hosts.map((h) => {
    const lines = [`Host ${sshConfigArg(h.name)}`];
    const address = primaryAddress(h);
    if (address) lines.push(`  HostName ${sshConfigArg(address, { tokens: true })}`);
    if (h.ssh.user) lines.push(`  User ${sshConfigArg(h.ssh.user, { tokens: true })}`);
    if (h.ssh.port) lines.push(`  Port ${h.ssh.port}`);
    const jump = nameOf(h.ssh.jumpHostId);
    if (jump) lines.push(`  ProxyJump ${proxyJumpArg(jump)}`);
    if (h.ssh.identityFile) lines.push(`  IdentityFile ${sshConfigArg(h.ssh.identityFile, { tokens: true })}`);
    for (const more of h.ssh.moreIdentityFiles) lines.push(`  IdentityFile ${sshConfigArg(more, { tokens: true })}`);
    return lines.join('\n');
  });
  return `# Written by Labvisor\n\n${blocks.join('\n\n')}\n`;
}
