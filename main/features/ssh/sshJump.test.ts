import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureLabUser,
  makeClientKeys,
  netnsUnavailable,
  startJumpTopology,
  type JumpTopology,
} from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// Two real sshds in network namespaces this test creates: the target answers only from inside the jump's namespace.
// Where namespaces cannot be created the test fails (it never skips): run it as root, as CI does.
describe('ssh through a jump host', () => {
  let topo: JumpTopology;
  let labDir: string;
  let s: AppServices;
  let keyFile: string;
  let user: string;

  beforeAll(async () => {
    const unavailable = netnsUnavailable();
    if (unavailable) {
      throw new Error(
        `the SSH jump-chain test needs network namespaces and cannot create one (${unavailable}); run it as root (it needs CAP_SYS_ADMIN and CAP_NET_ADMIN)`,
      );
    }
    labDir = mkdtempSync(join(tmpdir(), 'labvisor-jump-'));
    user = ensureLabUser().user;
    const keys = makeClientKeys(labDir);
    keyFile = keys.ed25519;
    topo = await startJumpTopology({ dir: labDir, authorizedKeysFile: keys.authorizedKeys });
    s = sshTestServices();
  });
  afterAll(async () => {
    await s?.close();
    await topo?.stop();
    if (labDir) rmSync(labDir, { recursive: true, force: true });
  });

  it('reaches the target through the jump, sharing the jump connection', async () => {
    const jump = addSshHost(s, 'jumpA', '127.0.0.1', topo.jumpPort, { user, identityFile: keyFile });
    const target = addSshHost(s, 'targetB', topo.targetAddress, 22, {
      user,
      identityFile: keyFile,
      jumpHostId: jump.id,
    });
    await trustPresentedKey(s, jump.id);
    // The target's key is only visible through the jump: scanning it goes through the chain too.
    const presented = await s.ssh.scanHostKey(target.id);
    expect(presented).toMatchObject({ status: 'unknown', fingerprint: topo.target.fingerprint() });
    await s.ssh.trustHostKey(target.id, presented.fingerprint, 'cli');

    const shell = await s.ssh.openShell(target.id, { cols: 80, rows: 24 });
    const result = await s.ssh.exec(target.id, 'hostname -I');
    expect(result.stdout).toContain(topo.targetAddress);
    expect(s.ssh.connectionKeys().sort()).toEqual(
      [
        `${user}@127.0.0.1:${topo.jumpPort}`,
        `${user}@${topo.targetAddress}:22 via ${user}@127.0.0.1:${topo.jumpPort}`,
      ].sort(),
    );
    shell.close();
    expect(s.ssh.connectionKeys()).toEqual([]);
  });

  it('refuses a changed target key behind the jump', async () => {
    const target = s.inventory.find('targetB')!;
    await topo.target.stop({ sessions: true });
    topo.target.rotateHostKey();
    await topo.target.start();
    const code = await s.ssh.exec(target.id, 'true').then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );
    expect(code).toBe('host_key_mismatch');
  });
});
