import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTcgGuest, ensureLibvirtd, type TcgGuest } from '../../../lab/libvirt';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { ByteStream, StreamEnd } from '../../platform/byteStreams';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';
import { virshConsoleCommand } from './virshConsole';

// A real libvirt TCG guest's serial console through `virsh console` run over a real sshd as the lab user.
let dir: string;
let lab: LabSsh;
let guest: TcgGuest;
let s: AppServices;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-serial-'));
  chmodSync(dir, 0o755);
  ensureLibvirtd();
  [lab, guest] = await Promise.all([
    startLabSsh({ dir: join(dir, 'ssh') }),
    defineTcgGuest(join(dir, 'guest'), { prefix: 'console' }),
  ]);
  await guest.virsh('start', guest.uuid);
  await guest.waitForSerial('labvm: booted', 1, 180_000);
  s = sshTestServices();
  const hv = addSshHost(s, 'hv', '127.0.0.1', lab.sshd.port, { user: lab.user, identityFile: lab.keys.ed25519 });
  await trustPresentedKey(s, hv.id);
  addSshHost(
    s,
    'vm1',
    '127.0.0.1',
    22,
    {},
    {
      kind: 'vm',
      layer: 1,
      parentId: hv.id,
      hypervisor: { domainName: guest.name, libvirtUri: 'qemu:///system', domainUuid: guest.uuid },
    },
  );
}, 300_000);
afterAll(async () => {
  await s?.close();
  await guest?.remove();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

function collect(stream: ByteStream) {
  let text = '';
  stream.onData((chunk) => (text += Buffer.from(chunk).toString('utf8')));
  const ended = new Promise<StreamEnd>((resolve) => stream.onEnd(resolve));
  const waitFor = async (pattern: RegExp, ms = 20_000) => {
    const start = Date.now();
    while (!pattern.test(text)) {
      if (Date.now() - start > ms) throw new Error(`timed out waiting for ${pattern}; got: ${text.slice(-500)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { text: () => text, ended, waitFor };
}

async function open(force = false): Promise<ByteStream> {
  const opened = await s.dispatch('console.openSerial', { vm: 'vm1', force }, { door: 'cli' });
  if (!opened.ok) throw Object.assign(new Error(opened.message), { code: opened.code });
  return s.streams.get((opened.value as { streamId: string }).streamId)!;
}

describe('serial console (virsh console over SSH)', () => {
  it("shows the guest's shell and runs a command", async () => {
    const serial = await open();
    const out = collect(serial);
    await out.waitFor(/Connected to domain/);
    serial.write(Buffer.from('echo serial-$((6*7))\r'));
    await out.waitFor(/serial-42/);
    serial.close();
    expect(await out.ended).toMatchObject({ code: null });
  }, 60_000);

  it('refuses a second open with the reason; force takes the console over', async () => {
    const first = await open();
    const firstOut = collect(first);
    await firstOut.waitFor(/Connected to domain/);

    const refused = await s.dispatch('console.openSerial', { vm: 'vm1' }, { door: 'cli' });
    expect(refused).toMatchObject({ ok: false, code: 'conflict', message: expect.stringMatching(/in use.*force/) });

    const second = await open(true);
    const secondOut = collect(second);
    await secondOut.waitFor(/took the console/);
    // The session that held it is disconnected by libvirt.
    await firstOut.ended;
    second.write(Buffer.from('echo taken-$((7*6))\r'));
    await secondOut.waitFor(/taken-42/);
    second.close();

    const actions = s.audit
      .list({ limit: 50 })
      .filter((e) => e.action.startsWith('console.'))
      .map((e) => `${e.action}:${e.result}`);
    expect(actions).toEqual(
      expect.arrayContaining(['console.openSerial:ok', 'console.openSerial:error', 'console.closeSerial:ok']),
    );
  }, 90_000);

  it('says what virsh said for an unknown domain', async () => {
    const result = await s.dispatch(
      'console.openSerial',
      { domain: 'no-such-domain-x', via: 'hv', uri: 'qemu:///system' },
      { door: 'cli' },
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'remote_error',
      message: expect.stringMatching(/no-such-domain-x/),
    });
  }, 30_000);

  it('quotes every value for the remote shell', () => {
    expect(
      virshConsoleCommand({ domain: "x'; rm -rf / #", force: true, alias: 'serial0', uri: 'qemu:///system' }),
    ).toBe("'virsh' '-c' 'qemu:///system' 'console' '--force' '--devname' 'serial0' '--' 'x'\\''; rm -rf / #'");
  });
});
