import { primaryAddress, type Host } from '../../../../common/domain/host';
import { shellQuote } from '../../../../common/text/shellQuote';

type HostVars = Record<string, string | number>;

/**
 * A YAML inventory: one group per cluster (hosts without one directly under `all`), connection settings as
 * `ansible_*` vars and jump chains as `-o 'ProxyJump=user@address:port,...'`, since Ansible's ssh knows no
 * Labvisor names. Every string var is tagged `!unsafe`, so Ansible never runs Jinja found in inventory text.
 */
export function exportAnsible(hosts: readonly Host[]): string {
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const ungrouped: Record<string, HostVars | null> = {};
  const groups: Record<string, { hosts: Record<string, HostVars | null> }> = {};
  for (const h of hosts) {
    const vars: HostVars = {};
    const address = primaryAddress(h);
    if (address) vars.ansible_host = address;
    if (h.ssh.user) vars.ansible_user = h.ssh.user;
    if (h.ssh.port) vars.ansible_port = h.ssh.port;
    if (h.ssh.identityFile) vars.ansible_ssh_private_key_file = h.ssh.identityFile;
    const chain = jumpChain(h, byId);
    if (chain.length) vars.ansible_ssh_common_args = `-o ${shellQuote(`ProxyJump=${chain.join(',')}`)}`;
    const entry = Object.keys(vars).length ? vars : null;
    if (h.cluster) (groups[groupName(h.cluster)] ??= { hosts: {} }).hosts[h.name] = entry;
    else ungrouped[h.name] = entry;
  }
  const lines = ['# Written by Labvisor', 'all:'];
  if (Object.keys(ungrouped).length) lines.push('  hosts:', ...hostLines(ungrouped, '    '));
  if (Object.keys(groups).length) {
    lines.push('  children:');
    for (const [group, { hosts: members }] of Object.entries(groups))
      lines.push(`    ${scalar(group)}:`, '      hosts:', ...hostLines(members, '        '));
  }
  return lines.join('\n') + '\n';
}

/** Written by hand rather than by a YAML library: a few fixed shapes, and 10,000 hosts in well under a second. */
function hostLines(hosts: Record<string, HostVars | null>, indent: string): string[] {
  const lines: string[] = [];
  for (const [name, vars] of Object.entries(hosts)) {
    lines.push(`${indent}${scalar(name)}:`);
    for (const [k, v] of Object.entries(vars ?? {})) lines.push(`${indent}  ${k}: ${unsafeValue(v)}`);
  }
  return lines;
}

/** Ansible templates inventory strings unless they carry `!unsafe`; numbers stay numbers. */
function unsafeValue(value: string | number): string {
  return typeof value === 'number' ? String(value) : `!unsafe ${JSON.stringify(value)}`;
}

/** Plain when YAML reads it back as the same string, else double-quoted (JSON strings are valid YAML). */
function scalar(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const plain =
    /^(?:[A-Za-z0-9_./~@]|-(?=\S))[A-Za-z0-9_./~@:=,+ -]*$/.test(value) &&
    !/: |\s$|^(true|false|yes|no|on|off|null|~|[-+]?[0-9.]+(e[-+]?[0-9]+)?|0x[0-9a-f]+|0o[0-7]+)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** The hops from the first to the host's own jump host, each as ssh can reach it. */
function jumpChain(host: Host, byId: Map<number, Host>): string[] {
  const hops: string[] = [];
  const seen = new Set([host.id]);
  for (let id = host.ssh.jumpHostId; id !== null && !seen.has(id);) {
    seen.add(id);
    const hop = byId.get(id);
    if (!hop) break;
    const address = primaryAddress(hop) ?? hop.name;
    const host = hop.ssh.port && address.includes(':') ? `[${address}]` : address;
    hops.unshift(`${hop.ssh.user ? `${hop.ssh.user}@` : ''}${host}${hop.ssh.port ? `:${hop.ssh.port}` : ''}`);
    id = hop.ssh.jumpHostId;
  }
  return hops;
}

/** Ansible group names: letters, digits, `_` and `-`. */
function groupName(cluster: string): string {
  return cluster.replace(/[^\w-]/g, '_');
}
