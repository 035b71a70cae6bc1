import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_NAMES, labMac, labUuid, writeTestNode, type LabDomain } from '../../../lab/libvirt';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { DiscoverResult, VmList } from '../../../common/contract/virt';
import type { AppServices } from '../../app/services';
import { sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// libvirt's test driver on the "hypervisor" side of a real sshd: the lab user runs `virsh -c test:///node.xml`
// there, exactly as Labvisor would on a real host. 60 domains, five with hostile names, matched to a sheet.
let dir: string;
let ssh: LabSsh;
let s: AppServices;
let uri: string;
let domains: LabDomain[];
/** A running domain known to the sheet only by the IP libvirt reports for it (read here with virsh, the judge). */
let byIpDomain: LabDomain;
let byIp: string;
const call = async <T>(name: string, input: unknown): Promise<T> => {
  const r = await s.dispatch(name, input, { door: 'cli' });
  if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message}`);
  return r.value as T;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-virt-'));
  chmodSync(dir, 0o755);
  ({ uri, domains } = writeTestNode(join(dir, 'node.xml'), { count: 60, hostile: true }));
  byIpDomain = domains.find((d, i) => i >= 10 && d.state === 'running')!;
  const leases = execFileSync('virsh', ['-q', '-c', uri, 'domifaddr', '--full', '--source', 'lease', byIpDomain.uuid]);
  byIp = leases.toString().trim().split(/\s+/)[3]!.split('/')[0]!;
  ssh = await startLabSsh({ dir: join(dir, 'ssh') });
  s = sshTestServices();
  // The sheet as a lab writes it: the hypervisor, a VM by name, one known by its MAC only. (The host-name grammar
  // refuses the hostile domain names as host names; discovery derives safe ones and keeps the exact domain name.)
  const sheet = [
    'name,hypervisor,ip,port,user,cpu,memory',
    `hv1,,127.0.0.1,${ssh.sshd.port},${ssh.user},56,256`,
    'vm07,hv1,10.0.0.7,,,8,16',
    'db-server,hv1,10.0.0.8,,,4,8',
    'unrelated,,10.0.0.99,,,1,1',
    `web-by-ip,hv1,${byIp},,,1,1`,
  ].join('\n');
  const preview = await s.inventory.previewImport({ text: sheet, format: 'auto' });
  expect(preview.errors).toEqual([]);
  s.inventory.commitImport(preview.rows, [], 'sheet.csv', 'cli');
  const hv = s.inventory.find('hv1')!;
  s.inventory.update(hv.id, { ssh: { ...hv.ssh, identityFile: ssh.keys.ed25519 } }, 'cli');
  await trustPresentedKey(s, hv.id);
  const db = s.inventory.find('db-server')!;
  s.inventory.update(
    db.id,
    { addresses: [...db.addresses, { label: 'other', address: labMac(8).toUpperCase() }] },
    'cli',
  );
  // A VM discovered earlier whose domain has since been undefined.
  s.inventory.add(
    {
      ...s.inventory.find('unrelated')!,
      name: 'old-vm',
      aliases: [],
      parentId: hv.id,
      kind: 'vm',
      hypervisor: { libvirtUri: null, domainName: 'old-vm', domainUuid: '00000000-0000-4000-8000-0000000000ff' },
    },
    'cli',
  );
}, 60_000);

afterAll(async () => {
  await s?.close();
  await ssh?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('VM discovery over SSH (libvirt test driver)', () => {
  it('previews the match and the changes without writing anything', async () => {
    const before = s.inventory.list().length;
    const r = await call<DiscoverResult>('virt.preview', { host: 'hv1', uri });
    expect(r).toMatchObject({ dryRun: true, created: 57, updated: 3, unchanged: 0, channels: 2 });
    expect(r.missing).toEqual([expect.objectContaining({ hostName: 'old-vm' })]);
    const by = (name: string) => r.domains.find((d) => d.name === name)!;
    expect(by('vm07')).toMatchObject({ action: 'update', matchedBy: 'name', hostName: 'vm07' });
    expect(by('vm08')).toMatchObject({ action: 'update', matchedBy: 'mac', hostName: 'db-server' });
    expect(by(byIpDomain.name)).toMatchObject({ action: 'update', matchedBy: 'ip', hostName: 'web-by-ip' });
    expect(by('$(id)')).toMatchObject({ action: 'create', matchedBy: null, hostName: 'id' });
    expect(by('x;touch lv-pwned')).toMatchObject({ action: 'create', hostName: 'x-touch-lv-pwned' });
    expect(by('vm07').changes.map((c) => c.field)).toEqual(expect.arrayContaining(['kind', 'cpus', 'hypervisor']));
    expect(s.inventory.list().length).toBe(before);
    expect(s.inventory.find('hv1')!.hypervisor).toBeNull();
  });

  it('writes every domain as a child host, never duplicating the sheet rows, and hostile names run nothing', async () => {
    const r = await call<DiscoverResult>('virt.discover', { host: 'hv1', uri });
    expect(r).toMatchObject({ dryRun: false, created: 57, updated: 3, unchanged: 0 });
    const hv = s.inventory.find('hv1')!;
    expect(hv.hypervisor?.libvirtUri).toBe(uri);
    const children = s.inventory.list().filter((h) => h.parentId === hv.id);
    expect(children).toHaveLength(61); // 60 domains + the missing old-vm, reported and kept
    expect(s.inventory.find('old-vm')).not.toBeNull();
    const vm07 = s.inventory.find('vm07')!;
    expect(vm07).toMatchObject({ kind: 'vm', layer: 1, cpus: 4, memoryGiB: 2 });
    expect(vm07.hypervisor).toEqual({ libvirtUri: null, domainName: 'vm07', domainUuid: labUuid(7) });
    expect(s.inventory.find('db-server')!.hypervisor?.domainUuid).toBe(labUuid(8));
    for (const name of HOSTILE_NAMES)
      expect(s.inventory.list().filter((h) => h.hypervisor?.domainName === name)).toHaveLength(1);
    expect(existsSync(join('/home', ssh.user, 'lv-pwned'))).toBe(false);
    expect(readdirSync('/').includes('lv-pwned')).toBe(false);
    const audit = s.audit.list({ limit: 500 });
    // 57 created by discovery + old-vm added above.
    expect(audit.filter((e) => e.action === 'inventory.addHost')).toHaveLength(58);
    expect(s.inventory.find('web-by-ip')!.hypervisor?.domainUuid).toBe(byIpDomain.uuid);
    expect(audit.some((e) => e.action === 'virt.discover')).toBe(true);
  });

  it('is idempotent', async () => {
    const r = await call<DiscoverResult>('virt.discover', { host: 'hv1' });
    expect(r).toMatchObject({ created: 0, updated: 0, unchanged: 60 });
  });

  it('lists the live domains with their hosts, pinning, graphics and overcommit, never a VNC password', async () => {
    const list = await call<VmList>('virt.list', { host: 'hv1' });
    expect(list.domains).toHaveLength(60);
    expect(list.domains.every((d) => d.hostId !== null)).toBe(true);
    const withIp = list.domains.find((d) => d.uuid === byIpDomain.uuid)!;
    expect(withIp.addresses).toContainEqual(
      expect.objectContaining({ ip: byIp, source: 'lease', mac: byIpDomain.macs[0] }),
    );
    // libvirt knows no address of a domain that is not running.
    expect(list.domains.filter((d) => d.state === 'shut off').every((d) => d.addresses.length === 0)).toBe(true);
    for (const lab of domains) {
      const d = list.domains.find((x) => x.uuid === lab.uuid)!;
      expect(d.name).toBe(lab.name);
      expect(d.state).toBe(lab.state === 'shutoff' ? 'shut off' : lab.state);
      expect(d.vcpus).toBe(lab.vcpus);
      expect(d.memoryMiB).toBe(lab.memoryMiB);
      expect(d.nics.map((n) => n.mac)).toEqual(lab.macs);
      expect(d.disks.map((k) => k.source)).toEqual(lab.disks.map((k) => k.source));
      expect(d.pinning.vcpupin.map((p) => p.cpuset)).toEqual(lab.vcpupin);
      expect(d.pinning.numaNodeset).toBe(lab.numaNodeset);
      const vnc = d.graphics.find((g) => g.type === 'vnc');
      if (lab.vncPort !== null && !lab.spice)
        expect(vnc).toMatchObject({ port: lab.vncPort, passwordSet: lab.vncPassword });
    }
    expect(JSON.stringify(list)).not.toContain('lab-vnc-secret');
    expect(list.node).toMatchObject({ cpus: 112, numaCells: 2, memoryMiB: 262144 });
    expect(list.overcommit.sharedPins.length).toBeGreaterThan(0);
    expect(list.overcommit.numaMemoryMiB[0]?.node).toBe(0);
  });

  it('reads one VM by its stored UUID, hostile name or not', async () => {
    const d = await call<VmList['domains'][number]>('virt.domain', { vm: 'x-touch-lv-pwned' });
    expect(d).toMatchObject({ uuid: labUuid(1), name: 'x;touch lv-pwned', autostart: false, persistent: true });
  });

  it('addresses a domain known only by its hostile name through both quoting layers (shell, then virsh)', async () => {
    const hv = s.inventory.find('hv1')!;
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      s.inventory.add(
        {
          ...s.inventory.find('unrelated')!,
          name: `by-name-${i}`,
          aliases: [],
          parentId: hv.id,
          kind: 'vm',
          hypervisor: { libvirtUri: null, domainName: name, domainUuid: null },
        },
        'cli',
      );
      const d = await call<VmList['domains'][number]>('virt.domain', { vm: `by-name-${i}` });
      expect(d).toMatchObject({ name, uuid: labUuid(i + 1) });
    }
    const status = await call<{ hostName: string; state: string; driver: string }[]>('power.status', {
      targets: HOSTILE_NAMES.map((_, i) => `by-name-${i}`),
    });
    expect(status.map((x) => [x.driver, x.state])).toEqual(
      domains
        .slice(0, HOSTILE_NAMES.length)
        .map((d) => ['libvirt', d.state === 'running' ? 'on' : d.state === 'paused' ? 'on' : 'off']),
    );
    expect(existsSync(join('/home', ssh.user, 'lv-pwned'))).toBe(false);
  });

  it('refuses a hypervisor that drops mid-discovery and writes nothing', async () => {
    // A second sshd whose session dies after the domain list: the details batch is cut off by a real disconnect.
    const script = join(dir, 'drop.sh');
    writeFileSync(
      script,
      '#!/bin/sh\ncase "$SSH_ORIGINAL_COMMAND" in *dumpxml*) sh -c "$SSH_ORIGINAL_COMMAND" | head -c 20000; kill -9 $PPID;; ' +
        '*) exec sh -c "$SSH_ORIGINAL_COMMAND";; esac\n',
    );
    chmodSync(script, 0o755);
    const dropping = await ssh.startAnother({ name: 'dropping', extraConfig: [`ForceCommand ${script}`] });
    const hv2 = s.inventory.add(
      {
        ...s.inventory.find('unrelated')!,
        name: 'hv2',
        aliases: [],
        addresses: [{ label: 'management', address: '127.0.0.1' }],
        ssh: { ...s.inventory.find('hv1')!.ssh, port: dropping.port },
      },
      'cli',
    );
    await trustPresentedKey(s, hv2.id);
    const before = s.inventory.list();
    const r = await s.dispatch('virt.discover', { host: 'hv2', uri }, { door: 'cli' });
    expect(r).toMatchObject({ ok: false });
    expect(r.ok === false && r.code === 'unreachable' ? r.message : r).toMatch(/cut off|closed|lost/);
    expect(s.inventory.list()).toEqual(before);
    await dropping.stop({ sessions: true });
  });
});
