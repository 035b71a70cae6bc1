import type ssh2 from 'ssh2';

let loaded: Promise<typeof ssh2> | null = null;

/**
 * ssh2 and its crypto load with the first SSH connection or key check, not with every CLI command: `labvisor
 * hosts list` in a shell loop should not pay for them. ssh2 is CommonJS: on plain Node ESM (the built CLI) only
 * its default export is reliable.
 */
export function loadSsh2(): Promise<typeof ssh2> {
  return (loaded ??= import('ssh2').then((m) => m.default));
}
