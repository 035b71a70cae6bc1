import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type AppServices } from '../../../app/services';

let dir: string;
let services: AppServices;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-sshcfg-'));
  services = createServices({ dataDir: dir });
});
afterEach(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

const SSH_CONFIG = `# my lab
Host jetson
  HostName 10.0.0.2
  User nvidia

Host zcloud zc
    HostName=10.0.0.1
    Port 2222
    ProxyJump jetson

Host z-o7k-m-1
  HostName 10.0.1.51
  ProxyJump jetson,zcloud
  IdentityFile ~/.ssh/id_lab

Host z-*
  User stack

Host *
  User root
  IdentityFile ~/.ssh/id_ed25519
  ServerAliveInterval 30
`;

describe('ssh_config', () => {
  it('reads hosts, wildcard defaults and a 2-hop ProxyJump chain', async () => {
    const p = await services.inventory.previewImport({ text: SSH_CONFIG, fileName: 'config', format: 'auto' });
    expect(p.format).toBe('ssh-config');
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.line, r.fields.name, r.action])).toEqual([
      [2, 'jetson', 'create'],
      [6, 'zcloud', 'create'],
      [6, 'zc', 'create'],
      [11, 'z-o7k-m-1', 'create'],
    ]);
    const [jetson, zcloud, , m1] = p.rows;
    expect(jetson!.fields.ssh).toMatchObject({ user: 'nvidia', port: null, identityFile: '~/.ssh/id_ed25519' });
    expect(jetson!.jumpHostName).toBeNull();
    expect(zcloud!.fields.ssh).toMatchObject({ user: 'root', port: 2222 });
    expect(zcloud!.jumpHostName).toBe('jetson');
    expect(m1!.fields.ssh).toMatchObject({ user: 'stack', identityFile: '~/.ssh/id_lab' });
    expect(m1!.fields.addresses).toEqual([{ label: 'management', address: '10.0.1.51' }]);
    expect(m1!.jumpHostName).toBe('zcloud');

    services.inventory.commitImport(p.rows, [], 'config', 'cli');
    const byName = (n: string) => services.inventory.find(n)!;
    expect(byName('z-o7k-m-1').ssh.jumpHostId).toBe(byName('zcloud').id);
    expect(byName('zcloud').ssh.jumpHostId).toBe(byName('jetson').id);
  });

  it("never rewrites another host's route: a hop reached differently becomes a jump-only host", async () => {
    const text = 'Host a\n HostName 10.0.0.1\nHost b\n HostName 10.0.0.2\nHost c\n ProxyJump a,b\n';
    const p = await services.inventory.previewImport({ text, format: 'ssh-config' });
    expect(p.rows.map((r) => [r.fields.name, r.jumpHostName, r.fields.addresses[0]?.address])).toEqual([
      ['a', null, '10.0.0.1'],
      ['b', null, '10.0.0.2'],
      ['c', 'b-via-a', 'c'],
      ['b-via-a', 'a', '10.0.0.2'],
    ]);
    const unknown = await services.inventory.previewImport({
      text: 'Host c\n ProxyJump admin@10.9.9.9:2222\n',
      format: 'ssh-config',
    });
    expect(
      unknown.rows.map((r) => [r.fields.name, r.action, r.jumpHostName, r.fields.ssh.user, r.fields.ssh.port]),
    ).toEqual([
      ['c', 'create', '10.9.9.9', null, null],
      ['10.9.9.9', 'create', null, 'admin', 2222],
    ]);
  });
});

const ANSIBLE_INI = `[all:vars]
ansible_user=root

[o7k]
z-o7k-m-1 ansible_host=10.0.1.51
z-o7k-n-[1:2] ansible_host=10.0.1.60

[o7k:vars]
ansible_port=2222

[bastions]
jetson ansible_host=10.0.0.2 ansible_user=nvidia

[openstack:children]
o7k

[o7k_m]
z-o7k-m-1 ansible_ssh_common_args='-o ProxyJump=nvidia@10.0.0.2'
`;

const ANSIBLE_YAML = `all:
  vars:
    ansible_user: root
  hosts:
    jetson:
      ansible_host: 10.0.0.2
      ansible_user: nvidia
  children:
    openstack:
      children:
        o7k:
          vars:
            ansible_port: 2222
          hosts:
            z-o7k-m-1:
              ansible_host: 10.0.1.51
              ansible_ssh_common_args: -o ProxyJump=jetson
            z-o7k-n-1:
`;

describe('Ansible inventories', () => {
  it('reads INI groups, children, group vars and host vars', async () => {
    const p = await services.inventory.previewImport({ text: ANSIBLE_INI, fileName: 'hosts.ini', format: 'auto' });
    expect(p.format).toBe('ansible');
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.line, r.fields.name])).toEqual([
      [5, 'z-o7k-m-1'],
      [6, 'z-o7k-n-1'],
      [6, 'z-o7k-n-2'],
      [12, 'jetson'],
    ]);
    const m1 = p.rows[0]!;
    expect(m1.fields).toMatchObject({
      cluster: 'o7k',
      tags: ['o7k_m', 'openstack'],
      ssh: { user: 'root', port: 2222 },
    });
    expect(m1.jumpHostName).toBe('jetson');
    expect(p.rows[2]!.fields.addresses[0]!.address).toBe('10.0.1.60');
    expect(p.rows[3]!.fields).toMatchObject({ cluster: 'bastions', ssh: { user: 'nvidia', port: null } });
  });

  it('reads YAML inventories the same way', async () => {
    const p = await services.inventory.previewImport({ text: ANSIBLE_YAML, fileName: 'inventory.yml', format: 'auto' });
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.line, r.fields.name, r.fields.cluster])).toEqual([
      [5, 'jetson', null],
      [15, 'z-o7k-m-1', 'o7k'],
      [18, 'z-o7k-n-1', 'o7k'],
    ]);
    expect(p.rows[1]).toMatchObject({
      jumpHostName: 'jetson',
      fields: { tags: ['openstack'], ssh: { user: 'root', port: 2222 } },
    });
    // No ansible_host: Ansible connects to the inventory name, and so does Labvisor.
    expect(p.rows[2]!.fields.addresses).toEqual([{ label: 'management', address: 'z-o7k-n-1' }]);
    expect((await services.inventory.previewImport({ text: 'all: [1', format: 'ansible' })).errors[0]).toMatch(
      /^line 1/,
    );
  });
});
