import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_IMPORT_TOOLS, systemImportTools } from '../importTools';
import { importAnsible, listWithReader } from './ansibleImport';
import type { AnsibleList } from './ansibleList';

// The judge is Ansible itself: `ansible-inventory --list` from Debian's ansible-core, installed by
// scripts/install-lab-deps.sh. Without it these tests fail (they do not skip).
const FIXTURES = join(__dirname, 'fixtures');
const INVENTORIES = { ini: 'hosts', yaml: 'inventory.yml' } as const;

function companionsOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  for (const sub of ['group_vars', 'host_vars']) {
    try {
      walk(join(dir, sub));
    } catch {
      // A fixture without that folder.
    }
  }
  return out;
}

function judge(kind: keyof typeof INVENTORIES): AnsibleList {
  const out = execFileSync('ansible-inventory', ['-i', join(FIXTURES, kind, INVENTORIES[kind]), '--list'], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME!,
      ANSIBLE_INVENTORY_ENABLED: kind,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const doc = JSON.parse(out) as Record<string, { hosts?: string[]; hostvars?: Record<string, object> }>;
  const groups = new Map<string, { hosts: string[]; children: string[] }>();
  for (const [k, v] of Object.entries(doc))
    if (k !== '_meta' && v.hosts?.length) groups.set(k, { hosts: v.hosts, children: [] });
  return { hostvars: new Map(Object.entries(doc._meta!.hostvars ?? {})) as AnsibleList['hostvars'], groups };
}

const membership = (list: AnsibleList) =>
  Object.fromEntries([...list.groups].filter(([, g]) => g.hosts.length).map(([k, g]) => [k, [...g.hosts].sort()]));

describe("Labvisor's inventory reader agrees with ansible-inventory --list", () => {
  for (const kind of ['ini', 'yaml'] as const) {
    it(`${kind}: every host's variables (ranges, host:port, group_vars/, host_vars/, anchors, precedence)`, () => {
      const text = readFileSync(join(FIXTURES, kind, INVENTORIES[kind]), 'utf8');
      const expected = judge(kind);
      const { list, errors } = listWithReader(text, companionsOf(join(FIXTURES, kind)));
      expect(errors).toEqual([]);
      expect(Object.fromEntries(list.hostvars)).toEqual(Object.fromEntries(expected.hostvars));
      expect(membership(list)).toEqual(membership(expected));
    });
  }
});

describe('importing an Ansible inventory', () => {
  const read = (kind: keyof typeof INVENTORIES, tools = systemImportTools()) =>
    importAnsible({
      text: readFileSync(join(FIXTURES, kind, INVENTORIES[kind]), 'utf8'),
      fileName: INVENTORIES[kind],
      companions: companionsOf(join(FIXTURES, kind)),
      tools,
    });

  it('gives the same hosts through ansible-inventory and through the reader', async () => {
    for (const kind of ['ini', 'yaml'] as const) {
      const viaAnsible = await read(kind);
      const viaReader = await read(kind, NO_IMPORT_TOOLS);
      expect(viaAnsible.readBy).toBe('ansible-inventory');
      expect(viaReader.readBy).toBe('labvisor');
      expect(viaAnsible.errors).toEqual([]);
      expect(viaAnsible.drafts).toEqual(viaReader.drafts);
    }
  });

  it('connects where Ansible would: name as address, host:port, and jump chains from ssh args', async () => {
    const file = await read('ini');
    const host = (name: string) => {
      const d = file.drafts.find((x) => x.name === name)!;
      return [
        d.values.address,
        d.values.sshUser ?? null,
        d.values.sshPort ?? null,
        d.refs.jump ?? null,
        d.values.cluster ?? null,
      ];
    };
    expect(host('jumpbox')).toEqual(['192.168.6.30', 'nvidia', null, null, null]);
    expect(host('pve')).toEqual(['192.168.6.201', 'admin', 2222, null, 'hypervisors']);
    // -o ProxyJump=nvidia@192.168.6.30 is the jumpbox (same address and user).
    expect(host('z-o7k-n-03')).toEqual(['z-o7k-n-03', 'admin', 2222, 'jumpbox', 'o7k_computes']);
    expect(host('z-o7k-m-2')).toEqual(['10.10.0.52', 'stack', 22, 'jumpbox', 'o7k_controllers']);
    const yaml = await read('yaml');
    const mon = yaml.drafts.find((d) => d.name === 'ceph-mon-b')!;
    // ProxyCommand='ssh -W %h:%p -q root@10.20.0.1': the master at that address logs in as ubuntu, so the hop is
    // a jump-only host of its own.
    expect(mon.refs.jump).toBe('10.20.0.1-as-root');
    expect(yaml.drafts.find((d) => d.name === '10.20.0.1-as-root')!.values).toMatchObject({
      address: '10.20.0.1',
      sshUser: 'root',
    });
  });
});
