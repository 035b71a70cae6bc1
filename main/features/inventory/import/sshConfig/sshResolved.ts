/** What Labvisor takes from one alias's resolved ssh configuration: the `ssh -G` keys it uses. */
export interface SshResolved {
  hostname: string;
  user: string | null;
  port: number | null;
  /** Every IdentityFile in the order ssh tries them, as written (`~` expanded when connecting). */
  identityFiles: string[];
  /** `ProxyJump` as written (`none` already dropped), or null. */
  proxyJump: string | null;
  proxyCommand: string | null;
}

/**
 * Reads `ssh -G` output (`key value` lines). Port 22 and the default key list (what ssh prints for a config
 * that says nothing) are left unset; the user is kept (whether it was written is the file's to say).
 */
export function parseSshG(output: string, defaults: SshResolved | null): SshResolved {
  const values = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    values.set(key, [...(values.get(key) ?? []), m[2]!]);
  }
  const one = (k: string) => values.get(k)?.[0] ?? null;
  const user = one('user');
  const port = one('port') === null ? null : Number(one('port'));
  const identityFiles = values.get('identityfile') ?? [];
  const proxyJump = one('proxyjump');
  const proxyCommand = one('proxycommand');
  return {
    hostname: one('hostname') ?? '',
    user,
    port: port === 22 || port === null || Number.isNaN(port) ? null : port,
    identityFiles: defaults && identityFiles.join('\n') === defaults.identityFiles.join('\n') ? [] : identityFiles,
    proxyJump: proxyJump && proxyJump.toLowerCase() !== 'none' ? proxyJump : null,
    proxyCommand: proxyCommand && proxyCommand.toLowerCase() !== 'none' ? proxyCommand : null,
  };
}
