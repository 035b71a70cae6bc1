import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

let lab: LabSsh;
let labDir: string;
let s: AppServices;

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-secrets-'));
  lab = await startLabSsh({ dir: labDir });
  s = sshTestServices();
});
afterAll(async () => {
  await s?.close();
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

/** Every process's command line, read while logins are in flight. */
function allCmdlines(): string {
  let all = '';
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      all += readFileSync(`/proc/${pid}/cmdline`, 'latin1') + '\n';
    } catch {
      // Exited meanwhile.
    }
  }
  return all;
}

describe('ssh secrets', () => {
  it('never puts passwords or passphrases in SQLite, the log, or any command line', async () => {
    const byPassword = addSshHost(s, 'pw', '127.0.0.1', lab.sshd.port, { user: lab.user });
    const byKey = addSshHost(s, 'enc', '127.0.0.1', lab.sshd.port, {
      user: lab.user,
      identityFile: lab.keys.encrypted,
    });
    const wrong = addSshHost(s, 'wrong', '127.0.0.1', lab.sshd.port, { user: lab.user });
    await trustPresentedKey(s, byPassword.id);
    const secrets = [lab.password, lab.keys.passphrase, 'Wrong-Secret-91ad'];
    for (const [host, kind, secret] of [
      [byPassword, 'password', lab.password],
      [byKey, 'passphrase', lab.keys.passphrase],
      [wrong, 'password', 'Wrong-Secret-91ad'],
    ] as const) {
      const set = await s.dispatch('ssh.setSecret', { hostId: host.id, kind, secret }, { door: 'cli' });
      expect(set.ok && JSON.stringify(set.value)).not.toContain(secret);
    }

    let cmdlines = '';
    let connecting = true;
    // Samples every process's command line while the connections are made: a secret there would show up.
    const watcher = (async () => {
      while (connecting) {
        cmdlines += allCmdlines();
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    for (let i = 0; i < 3; i++) {
      expect((await s.dispatch('ssh.exec', { hostId: byPassword.id, command: 'true' }, { door: 'cli' })).ok).toBe(true);
      expect((await s.dispatch('ssh.exec', { hostId: byKey.id, command: 'true' }, { door: 'cli' })).ok).toBe(true);
      const failed = await s.dispatch('ssh.exec', { hostId: wrong.id, command: 'true' }, { door: 'cli' });
      expect(failed).toMatchObject({ ok: false, code: 'auth_failed' });
    }
    connecting = false;
    await watcher;
    expect(cmdlines.length).toBeGreaterThan(0);

    const dataDir = s.options.dataDir;
    const files = ['labvisor.db', 'labvisor.db-wal', 'labvisor.log'].map((f) => join(dataDir, f)).filter(existsSync);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const secret of secrets) {
      expect(cmdlines).not.toContain(secret);
      for (const file of files) expect(readFileSync(file, 'latin1'), file).not.toContain(secret);
    }
  });
});
