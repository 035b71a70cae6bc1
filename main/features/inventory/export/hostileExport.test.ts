import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../../../common/contract';
import { HostFields, type Host } from '../../../../common/domain/host';
import { tempServices } from '../../../testing/tempServices';

/**
 * Hostile inventory text against the real consumers of the exports: OpenSSH (`ssh -G`, which also runs any
 * `Match exec` it reads) and Ansible (`ansible-inventory --list`, and `ansible -m debug`, which templates vars).
 * Nothing may run (the canary file never appears) and every host resolves to its own address.
 */
const work = mkdtempSync(join(tmpdir(), 'labvisor-hostile-'));
const CANARY = join(work, 'CANARY');
const touch = `touch ${CANARY}`;
const jinja = `{{ lookup('pipe','${touch}') }}`;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

function services() {
  const s = tempServices();
  cleanup = s.cleanup;
  return s;
}

type AddInput = CommandInput<'inventory.addHost'>;

const HOSTILE_NAMES = [
  `web1\n  ProxyCommand ${touch}`,
  '*',
  'web?',
  '!web',
  'web 2',
  'web"2',
  "web'2",
  '%h',
  'a,b',
  jinja,
  'web\u001b]0;owned\u0007',
  'web\u0085',
  'web\u202e1',
  '-oProxyCommand=x',
];
const HOSTILE_USERS = [`root\n  ProxyCommand ${touch}`, 'root -oProxyCommand=x', 'a b', jinja, 'r"oot', '%u'];
const HOSTILE_ADDRESSES = [
  `10.0.0.1\n  ProxyCommand ${touch}`,
  '10.0.0.1 -oProxyCommand=x',
  'a b',
  jinja,
  '%h',
  'fe80::1%eth0',
];
const HOSTILE_PATHS = [`/k"\n  Match exec "${touch}"`, '/k\nMatch exec true', '%d/.ssh/id', '/k"x'];

describe('every door refuses hostile host text', () => {
  const cases: [string, AddInput][] = [
    ...HOSTILE_NAMES.map((name): [string, AddInput] => [`name ${JSON.stringify(name)}`, { name }]),
    ...HOSTILE_NAMES.map((name): [string, AddInput] => [
      `alias ${JSON.stringify(name)}`,
      { name: 'ok', aliases: [{ name, note: '' }] },
    ]),
    ...HOSTILE_USERS.map((user): [string, AddInput] => [
      `ssh user ${JSON.stringify(user)}`,
      { name: 'ok', ssh: { user } },
    ]),
    ...HOSTILE_ADDRESSES.map((address): [string, AddInput] => [
      `address ${JSON.stringify(address)}`,
      { name: 'ok', addresses: [{ label: 'management', address }] },
    ]),
    ...HOSTILE_ADDRESSES.map((address): [string, AddInput] => [
      `BMC address ${JSON.stringify(address)}`,
      { name: 'ok', bmc: { type: 'ipmi', address } },
    ]),
    ...HOSTILE_PATHS.map((identityFile): [string, AddInput] => [
      `identity file ${JSON.stringify(identityFile)}`,
      { name: 'ok', ssh: { identityFile } },
    ]),
    ['control character in a cluster', { name: 'ok', cluster: 'o7k\u001b[2J' }],
    ['control character in notes', { name: 'ok', notes: 'fine\nbut \u001b]52;c;cm0gLXJmIH4=\u0007' }],
    ['a tag with a space', { name: 'ok', tags: ['a b'] }],
  ];
  it.each(cases)('addHost refuses %s', async (_label, input) => {
    const s = services();
    const r = await s.dispatch('inventory.addHost', input, { door: 'ws' });
    expect(r).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(s.inventory.list()).toEqual([]);
  });

  it('a CSV import cannot smuggle a ProxyCommand in a name', async () => {
    const s = services();
    const text = `name,address\n"web1\n  ProxyCommand ${touch}",10.0.0.1\n`;
    const preview = await s.inventory.previewImport({ text, format: 'csv' });
    const r = await s.dispatch('inventory.commitImport', { rows: preview.rows }, { door: 'cli' });
    expect(r).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(s.inventory.list()).toEqual([]);
  });

  it('secret references are not input: an imported authRef/secretRef cannot reach another host’s secret', async () => {
    const s = services();
    const victim = s.inventory.add(
      { ...HostFields.parse({ name: 'victim' }), addresses: [{ label: 'management', address: '10.0.0.2' }] },
      'cli',
    );
    s.vault.set({ hostId: victim.id, purpose: 'ssh-password' }, 'victim-password');
    s.vault.set({ hostId: victim.id, purpose: 'bmc-password' }, 'victim-bmc');
    const json = JSON.stringify({
      format: 'labvisor-inventory',
      version: 1,
      hosts: [
        {
          name: 'attacker',
          addresses: [{ label: 'management', address: '127.0.0.9' }],
          ssh: { authRef: `ssh:${victim.id}:password` },
          bmc: { type: 'ipmi', address: '127.0.0.9', secretRef: `bmc:${victim.id}` },
        },
      ],
    });
    const preview = await s.inventory.previewImport({ text: json, format: 'json' });
    const r = await s.dispatch('inventory.commitImport', { rows: preview.rows }, { door: 'cli' });
    expect(r.ok).toBe(true);
    const attacker = s.inventory.find('attacker')!;
    expect(attacker.secrets).toEqual({ sshPassword: false, sshPassphrase: false, bmcPassword: false });
    expect(JSON.stringify(attacker)).not.toMatch(/(ssh|bmc):\d/);
    // Clearing the attacker's secrets leaves the victim's alone.
    await s.dispatch('ssh.clearSecret', { hostId: attacker.id, kind: 'password' }, { door: 'cli' });
    await s.dispatch('bmc.clearPassword', { hostId: attacker.id }, { door: 'cli' });
    expect(s.vault.get({ hostId: victim.id, purpose: 'ssh-password' })).toBe('victim-password');
    expect(s.vault.get({ hostId: victim.id, purpose: 'bmc-password' })).toBe('victim-bmc');
    // The API cannot set one either.
    const upd = await s.dispatch(
      'inventory.updateHost',
      { id: attacker.id, changes: { ssh: { authRef: `ssh:${victim.id}:password` } } as never },
      { door: 'ws' },
    );
    expect(upd.ok).toBe(true);
    expect(JSON.stringify(s.inventory.get(attacker.id))).not.toMatch(/(ssh|bmc):\d/);
  });
});

/** The strangest text the grammar still accepts, where each format's quoting has to be right. */
const TRICKY_PATH = `${work}/dir with space/id #1 'q' $(${touch}) \`${touch}\` ${jinja} \\back;x&y|z`;

async function trickyInventory() {
  const s = services();
  const add = async (input: AddInput) => {
    const r = await s.dispatch('inventory.addHost', input, { door: 'ws' });
    if (!r.ok) throw new Error(`${JSON.stringify(input.name)}: ${r.message}`);
    return r.value as Host;
  };
  const jump = await add({
    name: 'jetson',
    addresses: [{ label: 'management', address: '127.0.0.2' }],
    ssh: { user: 'svc.lab-1@corp', port: 2222 },
  });
  const v6 = await add({
    name: '控制节点-1',
    addresses: [{ label: 'management', address: '::1' }],
    ssh: { user: 'root', port: 22, jumpHostId: jump.id },
  });
  await add({
    name: 'z-o7k-m_1.lab',
    cluster: 'o7k {{ 7*7 }}',
    addresses: [{ label: 'management', address: '127.0.0.3' }],
    ssh: { user: 'stack$', identityFile: TRICKY_PATH, jumpHostId: v6.id },
    notes: `=cmd|' /C calc'!A0\n${jinja}`,
  });
  await add({ name: 'plain', addresses: [{ label: 'management', address: 'lab-host.example' }] });
  return s;
}

function sshG(config: string, name: string): Record<string, string> {
  const out = execFileSync('ssh', ['-G', '-F', config, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const map: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const i = line.indexOf(' ');
    if (i > 0 && !(line.slice(0, i) in map)) map[line.slice(0, i)] = line.slice(i + 1);
  }
  return map;
}

describe('exports of a tricky inventory, read by the real consumers', () => {
  it('ssh -G resolves every host to its own address, user and key, and runs nothing', async () => {
    const s = await trickyInventory();
    const file = join(work, 'ssh_config');
    writeFileSync(file, s.inventory.export('ssh-config').text);
    for (const h of s.inventory.list()) {
      const g = sshG(file, h.name);
      expect(g.hostname).toBe(h.addresses[0]!.address);
      expect(g.user).toBe(h.ssh.user ?? process.env.USER ?? g.user);
      if (h.ssh.port) expect(g.port).toBe(String(h.ssh.port));
      if (h.ssh.identityFile) expect(g.identityfile).toBe(h.ssh.identityFile.replace(/^~/, homedir()));
      if (h.ssh.jumpHostId) expect(g.proxyjump).toBe(s.inventory.get(h.ssh.jumpHostId).name);
      expect(g.proxycommand).toBeUndefined();
    }
    // A name the inventory does not hold matches no block: nothing like `Host *` was written.
    expect(sshG(file, 'not-in-inventory').hostname).toBe('not-in-inventory');
    expect(existsSync(CANARY)).toBe(false);
  });

  it('ansible-inventory and ansible read every var literally and run no Jinja', async () => {
    const s = await trickyInventory();
    const file = join(work, 'inventory.yml');
    writeFileSync(file, s.inventory.export('ansible').text);
    const env = { ...process.env, ANSIBLE_HOME: join(work, 'ah'), ANSIBLE_LOCAL_TEMP: join(work, 'at') };
    const list = JSON.parse(execFileSync('ansible-inventory', ['-i', file, '--list'], { encoding: 'utf8', env })) as {
      _meta: { hostvars: Record<string, Record<string, unknown>> };
    };
    const literal = (v: unknown) =>
      typeof v === 'object' && v !== null ? (v as { __ansible_unsafe: unknown }).__ansible_unsafe : v;
    const hosts = s.inventory.list();
    expect(Object.keys(list._meta.hostvars).sort()).toEqual(hosts.map((h) => h.name).sort());
    for (const h of hosts) {
      const vars = list._meta.hostvars[h.name]!;
      expect(literal(vars.ansible_host)).toBe(h.addresses[0]!.address);
      if (h.ssh.user) expect(literal(vars.ansible_user)).toBe(h.ssh.user);
      if (h.ssh.identityFile) expect(literal(vars.ansible_ssh_private_key_file)).toBe(h.ssh.identityFile);
    }
    const tricky = list._meta.hostvars['z-o7k-m_1.lab']!;
    expect(literal(tricky.ansible_ssh_common_args)).toBe("-o 'ProxyJump=svc.lab-1@corp@127.0.0.2:2222,root@[::1]:22'");
    // `ansible -m debug` templates what it prints: Jinja in a var would run here.
    const out = execFileSync(
      'ansible',
      ['all', '-i', file, '-c', 'local', '-m', 'debug', '-a', 'var=ansible_ssh_private_key_file'],
      { encoding: 'utf8', env },
    );
    expect(out).toContain('lookup(');
    expect(existsSync(CANARY)).toBe(false);
  }, 60_000);

  it('every exporter refuses hosts an earlier version stored with hostile text', async () => {
    const s = services();
    s.inventory.add(
      { ...HostFields.parse({ name: 'fine' }), addresses: [{ label: 'management', address: '10.0.0.1' }] },
      'cli',
    );
    s.db
      .prepare("UPDATE hosts SET name = ?, ssh_user = ? WHERE name = 'fine'")
      .run(`web1\n  ProxyCommand ${touch}`, jinja);
    for (const format of ['ssh-config', 'ansible', 'csv', 'json'] as const) {
      const r = await s.dispatch('inventory.export', { format }, { door: 'cli' });
      expect(r).toMatchObject({ ok: false, code: 'invalid_input' });
      expect((r as { message: string }).message).toContain('\\x0a  ProxyCommand');
    }
  });
});
