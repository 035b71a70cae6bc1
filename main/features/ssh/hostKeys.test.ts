import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices } from '../../testing/sshTestServices';

// Real sshd, real ssh-keygen/ssh-keyscan output to compare with: OpenSSH is the reference for fingerprints.
let lab: LabSsh;
let labDir: string;
let s: AppServices;

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-hostkeys-'));
  lab = await startLabSsh({ dir: labDir });
  s = sshTestServices();
});
afterAll(async () => {
  await s?.close();
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

function failure(work: Promise<unknown>) {
  return work.then(
    () => ({ code: 'ok', message: '', details: undefined as unknown }),
    (e: { code: string; message: string; details?: unknown }) => e,
  );
}

function openSshFingerprint(pubFile: string): string {
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile], { encoding: 'utf8' }).split(' ')[1]!;
}

describe('host keys', () => {
  it('refuses an unknown key with the fingerprint OpenSSH prints, then trusts it only when told to', async () => {
    const host = addSshHost(s, 'keyhost', '127.0.0.1', lab.sshd.port, {
      user: lab.user,
      identityFile: lab.keys.ed25519,
    });
    const expected = openSshFingerprint(join(lab.sshd.dir, 'ssh_host_ed25519_key.pub'));
    const refused = await failure(s.ssh.exec(host.id, 'true'));
    expect(refused.code).toBe('host_key_unknown');
    expect(refused.details).toMatchObject({ fingerprint: expected, keyType: 'ssh-ed25519' });
    expect(refused.message).toContain(expected);
    expect(s.ssh.listHostKeys()).toEqual([]);

    const wrong = await s.dispatch(
      'ssh.trustHostKey',
      { hostId: host.id, fingerprint: 'SHA256:' + 'A'.repeat(43) },
      { door: 'cli' },
    );
    expect(wrong).toMatchObject({ ok: false, code: 'conflict' });

    const trusted = await s.dispatch('ssh.trustHostKey', { hostId: host.id, fingerprint: expected }, { door: 'cli' });
    expect(trusted).toMatchObject({ ok: true, value: { fingerprint: expected, port: lab.sshd.port, source: 'user' } });
    expect((await s.ssh.exec(host.id, 'echo in')).stdout).toBe('in\n');
    expect(s.audit.list({ limit: 10, target: 'keyhost' }).map((e) => e.action)).toContain('ssh.trustHostKey');
  });

  it('blocks a changed key loudly and connects again only after an explicit, audited replace', async () => {
    const host = s.inventory.find('keyhost')!;
    const before = lab.sshd.fingerprint();
    await lab.sshd.stop({ sessions: true });
    lab.sshd.rotateHostKey();
    await lab.sshd.start();
    const after = lab.sshd.fingerprint();

    const blocked = await failure(s.ssh.exec(host.id, 'true'));
    expect(blocked.code).toBe('host_key_mismatch');
    expect(blocked.message).toContain(before);
    expect(blocked.message).toContain(after);
    expect(blocked.message).toMatch(/HAS CHANGED/);

    const trustInstead = await s.dispatch('ssh.trustHostKey', { hostId: host.id, fingerprint: after }, { door: 'ws' });
    expect(trustInstead).toMatchObject({ ok: false, code: 'host_key_mismatch' });

    const replaced = await s.dispatch('ssh.replaceHostKey', { hostId: host.id, fingerprint: after }, { door: 'ws' });
    expect(replaced).toMatchObject({ ok: true, value: { fingerprint: after } });
    expect((await s.ssh.exec(host.id, 'echo again')).stdout).toBe('again\n');
    const entry = s.audit.list({ limit: 10, target: 'keyhost' }).find((e) => e.action === 'ssh.replaceHostKey')!;
    expect(entry).toMatchObject({ door: 'ws', result: 'ok' });
    expect(JSON.stringify(entry.before)).toContain(before);
    expect(JSON.stringify(entry.after)).toContain(after);
  });

  it('imports known_hosts from ssh-keyscan, plain and hashed, [host]:port forms', async () => {
    const t = sshTestServices();
    try {
      const plain = execFileSync('ssh-keyscan', ['-p', String(lab.sshd.port), '-t', 'ed25519', '127.0.0.1'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const other = await lab.startAnother({ name: 'hashed' });
      const hashed = execFileSync('ssh-keyscan', ['-H', '-p', String(other.port), '-t', 'ed25519', '127.0.0.1'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      expect(plain).toMatch(/^\[127\.0\.0\.1\]:\d+ ssh-ed25519 /m);
      expect(hashed).toMatch(/^\|1\|/m);
      const h2 = addSshHost(t, 'hashedhost', '127.0.0.1', other.port, {
        user: lab.user,
        identityFile: lab.keys.ed25519,
      });
      const result = await t.dispatch(
        'ssh.importKnownHosts',
        { text: `# comment\n${plain}${hashed}@cert-authority * ssh-ed25519 AAAA\n`, source: 'keyscan' },
        { door: 'cli' },
      );
      expect(result).toMatchObject({
        ok: true,
        value: {
          imported: 2,
          alreadyKnown: 0,
          skipped: 0,
          revoked: 0,
          unsupported: ['line 4: @cert-authority * is not supported (host certificates are not checked); not imported'],
        },
      });
      const keys = t.ssh.listHostKeys();
      expect(keys.map((k) => [k.port, k.fingerprint, k.source]).sort()).toEqual(
        [
          [lab.sshd.port, lab.sshd.fingerprint(), 'known_hosts'],
          [other.port, other.fingerprint(), 'known_hosts'],
        ].sort(),
      );
      expect((await t.ssh.exec(h2.id, 'echo imported')).stdout).toBe('imported\n');
    } finally {
      await t.close();
    }
  });

  it('never pins an @revoked key, and refuses a host presenting one with that reason', async () => {
    const t = sshTestServices();
    try {
      const scan = execFileSync('ssh-keyscan', ['-p', String(lab.sshd.port), '-t', 'ed25519', '127.0.0.1'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      const [, type, key] = scan.split(/\s+/);
      const host = addSshHost(t, 'lab', '127.0.0.1', lab.sshd.port, { user: lab.user, identityFile: lab.keys.ed25519 });
      const result = await t.dispatch(
        'ssh.importKnownHosts',
        { text: `${scan}\n@revoked * ${type} ${key}\n` },
        { door: 'cli' },
      );
      expect(result).toMatchObject({ ok: true, value: { imported: 0, revoked: 1, skipped: 1 } });
      expect(t.ssh.listHostKeys()).toEqual([]);
      const refused = await failure(t.ssh.exec(host.id, 'true'));
      expect(refused.code).toBe('host_key_revoked');
      expect(refused.message).toMatch(/marked @revoked/);
      const trust = await failure(t.ssh.trustHostKey(host.id, lab.sshd.fingerprint(), 'cli'));
      expect(trust.code).toBe('host_key_revoked');
      expect(t.ssh.listHostKeys()).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('matches hashed entries exactly where ssh-keygen -F finds them', async () => {
    const t = sshTestServices();
    const dir = mkdtempSync(join(tmpdir(), 'labvisor-kh-'));
    try {
      const file = join(dir, 'known_hosts');
      const scan = execFileSync('ssh-keyscan', ['-p', String(lab.sshd.port), '-t', 'ed25519', '127.0.0.1'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const [, type, key] = scan.trim().split(/\s+/);
      writeFileSync(file, `${scan}10.0.0.7 ${type} ${key}\n[10.0.0.8]:2222 ${type} ${key}\n`);
      execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
      const hashed = readFileSync(file, 'utf8');
      expect(hashed).not.toMatch(/10\.0\.0|127\.0\.0/);
      const candidates: [string, number][] = [
        ['127.0.0.1', lab.sshd.port],
        ['127.0.0.1', 22],
        ['10.0.0.7', 22],
        ['10.0.0.7', 2222],
        ['10.0.0.8', 2222],
        ['10.0.0.9', 22],
      ];
      candidates.forEach(([address, port], i) => addSshHost(t, `h${i}`, address, port, { user: lab.user }));
      await t.dispatch('ssh.importKnownHosts', { text: hashed }, { door: 'cli' });
      const found = (address: string, port: number) => {
        try {
          const name = port === 22 ? address : `[${address}]:${port}`;
          execFileSync('ssh-keygen', ['-F', name, '-f', file], { stdio: 'ignore' });
          return true;
        } catch {
          return false;
        }
      };
      const pinned = new Set(t.ssh.listHostKeys().map((k) => `${k.host}:${k.port}`));
      expect(candidates.map(([a, p]) => pinned.has(`${a}:${p}`))).toEqual(candidates.map(([a, p]) => found(a, p)));
      expect(pinned.size).toBe(3);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
