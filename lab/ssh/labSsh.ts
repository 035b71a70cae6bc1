import { mkdirSync } from 'node:fs';
import { makeClientKeys, type ClientKeys } from './clientKeys';
import { ensureLabUser } from './labUser';
import { startSshd, type SshdInstance, type SshdOptions } from './sshd';

export interface LabSsh {
  user: string;
  password: string;
  keys: ClientKeys;
  sshd: SshdInstance;
  /** Starts another sshd sharing the same user and keys. */
  startAnother(opts?: Partial<SshdOptions>): Promise<SshdInstance>;
  stop(): Promise<void>;
}

/**
 * One ready SSH lab under `dir`: the lab user (password + client keys, one of them passphrase-protected) and a
 * real sshd on a free loopback port. Everything is stopped by PID in stop().
 */
export async function startLabSsh(opts: { dir: string; sshd?: Partial<SshdOptions> }): Promise<LabSsh> {
  mkdirSync(opts.dir, { recursive: true });
  const { user, password } = ensureLabUser();
  const keys = makeClientKeys(opts.dir);
  const started: SshdInstance[] = [];
  const startAnother = async (more: Partial<SshdOptions> = {}) => {
    const sshd = await startSshd({
      dir: opts.dir,
      name: `sshd${started.length}`,
      authorizedKeysFile: keys.authorizedKeys,
      ...opts.sshd,
      ...more,
    });
    started.push(sshd);
    return sshd;
  };
  const sshd = await startAnother();
  return {
    user,
    password,
    keys,
    sshd,
    startAnother,
    stop: async () => {
      for (const s of started) await s.stop({ sessions: true });
    },
  };
}
