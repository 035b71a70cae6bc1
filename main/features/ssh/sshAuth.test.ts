import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../../common/contract';
import { AppError } from '../../../common/result';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import { freeTcpPort } from '../../../lab/ssh/freeTcpPort';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// Real OpenSSH sshd on loopback, real ssh-agent; nothing here is faked.
let lab: LabSsh;
let labDir: string;
const opened: AppServices[] = [];

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-sshlab-'));
  lab = await startLabSsh({ dir: labDir });
});
afterAll(async () => {
  for (const s of opened) await s.close();
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

async function labHost(ssh: Parameters<typeof addSshHost>[4] = {}, opts: Parameters<typeof sshTestServices>[0] = {}) {
  const s = sshTestServices(opts);
  opened.push(s);
  const host = addSshHost(s, 'lab1', '127.0.0.1', lab.sshd.port, { user: lab.user, ...ssh });
  await trustPresentedKey(s, host.id);
  return { s, host };
}

async function codeOf(work: Promise<unknown>): Promise<{ code: string; ms: number }> {
  const start = Date.now();
  try {
    await work;
    return { code: 'ok', ms: Date.now() - start };
  } catch (error) {
    return { code: error instanceof AppError ? error.code : String(error), ms: Date.now() - start };
  }
}

describe('ssh login against a real sshd', () => {
  it('logs in with the password from the vault and runs a command', async () => {
    const { s, host } = await labHost();
    s.ssh.setSecret(host.id, 'password', lab.password, 'cli');
    const result = await s.ssh.exec(host.id, 'id -un; echo err >&2; exit 3');
    expect(result).toEqual({ stdout: `${lab.user}\n`, stderr: 'err\n', exitCode: 3, signal: null });
  });

  it('logs in with an ed25519 key', async () => {
    const { s, host } = await labHost({ identityFile: lab.keys.ed25519 });
    expect((await s.ssh.exec(host.id, 'echo key')).stdout).toBe('key\n');
  });

  it('expands ~ in identity files when connecting and tries every one in order, as ssh_config does', async () => {
    const home = mkdtempSync(join(tmpdir(), 'labvisor-home-'));
    try {
      mkdirSync(join(home, '.ssh'), { mode: 0o700 });
      copyFileSync(lab.keys.ed25519, join(home, '.ssh', 'id_lab'));
      chmodSync(join(home, '.ssh', 'id_lab'), 0o600);
      const { s, host } = await labHost({ identityFile: '~/.ssh/id_lab' }, { home });
      expect(s.inventory.get(host.id).ssh.identityFile).toBe('~/.ssh/id_lab');
      expect((await s.ssh.exec(host.id, 'echo tilde')).stdout).toBe('tilde\n');
      // Every IdentityFile is tried in order: a key the server does not accept first, then the lab's.
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(home, '.ssh', 'id_other')]);
      const { s: both, host: second } = await labHost(
        { identityFile: '~/.ssh/id_other', moreIdentityFiles: ['~/.ssh/id_lab'] },
        { home },
      );
      expect((await both.ssh.exec(second.id, 'echo second')).stdout).toBe('second\n');
      const { s: none, host: only } = await labHost({ identityFile: '~/.ssh/id_other' }, { home });
      expect((await codeOf(none.ssh.exec(only.id, 'true'))).code).toBe('auth_failed');
      const { s: other, host: elsewhere } = await labHost({ identityFile: '~/.ssh/id_lab' }, { home: labDir });
      expect((await codeOf(other.ssh.exec(elsewhere.id, 'true'))).code).toBe('auth_failed');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('logs in with an encrypted key whose passphrase is in the vault', async () => {
    const { s, host } = await labHost({ identityFile: lab.keys.encrypted });
    s.ssh.setSecret(host.id, 'passphrase', lab.keys.passphrase, 'cli');
    expect((await s.ssh.exec(host.id, 'echo enc')).stdout).toBe('enc\n');
  });

  it('asks for the passphrase through ssh.prompt and remembers it when told to', async () => {
    const { s, host } = await labHost({ identityFile: lab.keys.encrypted });
    const prompts: string[] = [];
    s.events.subscribe((e) => {
      if (e.name !== 'ssh.prompt') return;
      const p = e.payload as EventPayload<'ssh.prompt'>;
      prompts.push(p.kind);
      void s.dispatch(
        'ssh.answerPrompt',
        { promptId: p.promptId, answers: [lab.keys.passphrase], remember: true },
        { door: 'ipc' },
      );
    });
    expect((await s.ssh.exec(host.id, 'echo asked', { interactive: true })).stdout).toBe('asked\n');
    expect(prompts).toEqual(['passphrase']);
    expect(s.vault.get({ hostId: host.id, purpose: 'ssh-passphrase' })).toBe(lab.keys.passphrase);
  });

  it('asks a person for the password when the connection was opened first by a background user (the sampler)', async () => {
    for (const order of ['after its login failed', 'while its login is under way'] as const) {
      const { s, host } = await labHost();
      const prompts: string[] = [];
      s.events.subscribe((e) => {
        if (e.name !== 'ssh.prompt') return;
        const p = e.payload as EventPayload<'ssh.prompt'>;
        prompts.push(p.kind);
        void s.dispatch('ssh.answerPrompt', { promptId: p.promptId, answers: [lab.password] }, { door: 'ipc' });
      });
      // The metrics sampler's kind of lease: persistent, never asks anyone.
      const background = s.ssh.lease(host.id, { persistent: true });
      const backgroundLogin = codeOf(background.client());
      if (order === 'after its login failed') expect((await backgroundLogin).code).toBe('auth_failed');
      const result = await s.ssh.exec(host.id, 'echo asked', { interactive: true });
      expect(result.stdout, order).toBe('asked\n');
      expect(prompts, order).toEqual(['password']);
      await backgroundLogin;
      background.release();
    }
  });

  it('logs in through a real ssh-agent', async () => {
    const sock = join(labDir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      // `ssh-add -l` exits 1 once the agent answers with no identities yet (2 while it cannot be reached).
      await vi.waitFor(
        () => expect(spawnSync('ssh-add', ['-l'], { env: { SSH_AUTH_SOCK: sock }, stdio: 'ignore' }).status).toBe(1),
        { timeout: 5_000, interval: 20 },
      );
      execFileSync('ssh-add', [lab.keys.ed25519], { env: { SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
      const { s, host } = await labHost({}, { agentSocket: sock });
      expect((await s.ssh.exec(host.id, 'echo agent')).stdout).toBe('agent\n');
    } finally {
      agent.kill('SIGTERM');
    }
  });

  it('fails a wrong password with auth_failed quickly', async () => {
    const { s, host } = await labHost();
    s.ssh.setSecret(host.id, 'password', 'not-the-password', 'cli');
    const { code, ms } = await codeOf(s.ssh.exec(host.id, 'true'));
    expect(code).toBe('auth_failed');
    expect(ms).toBeLessThan(3_000);
  });

  it('reports a closed port as unreachable at once', async () => {
    const s = sshTestServices();
    opened.push(s);
    const host = addSshHost(s, 'closed', '127.0.0.1', await freeTcpPort(), { user: lab.user });
    const { code, ms } = await codeOf(s.ssh.exec(host.id, 'true'));
    expect(code).toBe('unreachable');
    expect(ms).toBeLessThan(2_000);
  });

  it('gives up on a server that never answers within the configured bound', async () => {
    const silent: Server = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    const port = (silent.address() as AddressInfo).port;
    const s = sshTestServices({ connectTimeoutMs: 1_500 });
    opened.push(s);
    const host = addSshHost(s, 'silent', '127.0.0.1', port, { user: lab.user });
    const { code, ms } = await codeOf(s.ssh.exec(host.id, 'true'));
    silent.close();
    expect(code).toBe('timeout');
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(3_000);
  });
});
