import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { SshPrompt } from '../../../common/contract/ssh';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// OpenSSH offers keyboard-interactive only through PAM, so this sshd runs with `UsePAM yes` and password
// authentication off: the login is a real PAM conversation (pam_unix asks "Password: ").
let lab: LabSsh;
let labDir: string;
const opened: AppServices[] = [];

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-kbd-'));
  lab = await startLabSsh({
    dir: labDir,
    sshd: { extraConfig: ['UsePAM yes', 'PasswordAuthentication no', 'PubkeyAuthentication no'] },
  });
});
afterAll(async () => {
  for (const s of opened) await s.close();
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

async function kbdHost() {
  const s = sshTestServices();
  opened.push(s);
  const host = addSshHost(s, 'pam', '127.0.0.1', lab.sshd.port, { user: lab.user });
  await trustPresentedKey(s, host.id);
  return { s, host };
}

describe('keyboard-interactive (PAM) logins', () => {
  it('forwards the server prompts to a person as ssh.prompt and logs in with the answers', async () => {
    const { s, host } = await kbdHost();
    const seen: SshPrompt[] = [];
    s.events.subscribe((e) => {
      if (e.name !== 'ssh.prompt') return;
      const p = e.payload as SshPrompt;
      seen.push(p);
      void s.dispatch('ssh.answerPrompt', { promptId: p.promptId, answers: [lab.password] }, { door: 'ws' });
    });
    expect((await s.ssh.exec(host.id, 'echo pam', { interactive: true })).stdout).toBe('pam\n');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: 'keyboard-interactive', hostName: 'pam' });
    expect(seen[0]!.prompts).toEqual([{ prompt: expect.stringMatching(/password/i), echo: false }]);
  });

  it("answers a single hidden prompt from the vault's password without asking anyone", async () => {
    const { s, host } = await kbdHost();
    s.ssh.setSecret(host.id, 'password', lab.password, 'cli');
    let asked = 0;
    s.events.subscribe((e) => void (e.name === 'ssh.prompt' && asked++));
    expect((await s.ssh.exec(host.id, 'echo vault')).stdout).toBe('vault\n');
    expect(asked).toBe(0);
  });

  it('fails with auth_failed when the person cancels', async () => {
    const { s, host } = await kbdHost();
    s.events.subscribe((e) => {
      if (e.name === 'ssh.prompt')
        void s.dispatch(
          'ssh.answerPrompt',
          { promptId: (e.payload as SshPrompt).promptId, cancel: true },
          { door: 'ipc' },
        );
    });
    const code = await s.ssh.exec(host.id, 'true', { interactive: true }).then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );
    expect(code).toBe('auth_failed');
  });
});
