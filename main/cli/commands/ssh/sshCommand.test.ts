import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSsh, type LabSsh } from '../../../../lab/ssh';
import { createServices } from '../../../app/services';
import { addSshHost } from '../../../testing/sshTestServices';
import { runCliCaptured } from '../../../testing/runCliCaptured';

// The CLI door end to end against a real sshd: the same services and dispatcher as the other doors.
let lab: LabSsh;
let labDir: string;
let dataDir: string;

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-clissh-'));
  dataDir = mkdtempSync(join(tmpdir(), 'labvisor-clidata-'));
  lab = await startLabSsh({ dir: labDir });
  const s = createServices({ dataDir });
  addSshHost(s, 'clihost', '127.0.0.1', lab.sshd.port, { user: lab.user, identityFile: lab.keys.ed25519 });
  addSshHost(s, 'pwhost', '127.0.0.1', lab.sshd.port, { user: `${lab.user}` });
  await s.close();
});
afterAll(async () => {
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const cli = (args: string[], input?: string) =>
  runCliCaptured(dataDir, args, {
    ...(input !== undefined ? { input } : {}),
    env: { ...process.env, SSH_AUTH_SOCK: '' },
  });

describe('labvisor ssh / hostkeys / secret', () => {
  it('refuses an unknown host key, then trusts it explicitly and lists it', async () => {
    const refused = await cli(['ssh', 'clihost', '--', 'true']);
    expect(refused.code).toBe(4);
    expect(refused.err).toContain(lab.sshd.fingerprint());

    const noConfirm = await cli(['hostkeys', 'trust', 'clihost']);
    expect(noConfirm.code).toBe(4);
    const trusted = await cli(['hostkeys', 'trust', 'clihost', '--fingerprint', lab.sshd.fingerprint()]);
    expect(trusted.code).toBe(0);
    const listed = await cli(['hostkeys', 'list', '--json']);
    expect(JSON.parse(listed.out)).toMatchObject([{ port: lab.sshd.port, fingerprint: lab.sshd.fingerprint() }]);
  });

  it('runs a command and exits with its exit code', async () => {
    const r = await cli(['ssh', 'clihost', '--', 'echo', 'out;', 'echo', 'err', '>&2;', 'exit', '4']);
    expect(r).toMatchObject({ code: 4, out: 'out\n', err: 'err\n' });
  });

  it('opens a shell that reads stdin when no command is given', async () => {
    const r = await cli(['ssh', 'clihost'], 'echo from-shell\nexit 6\n');
    expect(r.out).toContain('from-shell');
    expect(r.code).toBe(6);
  });

  it('opens the shell through the dispatcher: audited, and refused in read-only mode', async () => {
    const audit = await cli(['audit', '--json']);
    const entries = JSON.parse(audit.out) as { action: string; door: string; target: string }[];
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'terminal.open', door: 'cli', target: 'clihost' }),
    );
    const refused = await cli(['--read-only', 'ssh', 'clihost'], 'echo should-not-run\n');
    expect(refused.code).toBe(4);
    expect(refused.out).not.toContain('should-not-run');
    expect(refused.err).toContain('read-only');
  });

  it('stores a password from stdin (never argv) and logs in with it', async () => {
    expect((await cli(['ssh', 'pwhost', '--', 'true'])).code).toBe(6); // refused credentials: exit 6 (docs/cli.md)
    const set = await cli(['secret', 'set', 'pwhost'], `${lab.password}\n`);
    expect(set).toMatchObject({ code: 0 });
    expect(set.out + set.err).not.toContain(lab.password);
    expect((await cli(['ssh', 'pwhost', '--', 'id', '-un'])).out).toBe(`${lab.user}\n`);
  });
});
