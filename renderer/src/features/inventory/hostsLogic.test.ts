import { describe, expect, it } from 'vitest';
import { Host } from '../../../../common/domain/host';
import { buildForest, subtreeHostIds, visibleRows } from './hostTree';
import { EMPTY_SELECTION, select, selectAll } from './selection';
import { fieldsFromForm, formFromHost } from './hostForm';
import { createNarrowingFilter, filterHosts, idsOf, indexHosts, type IndexedHost } from './hostSearch';

const host = (id: number, name: string, parentId: number | null = null, cluster: string | null = null) =>
  Host.parse({ id, name, parentId, cluster, createdAt: '', updatedAt: '' });

describe('host tree', () => {
  const hosts = [host(1, 'zcloud'), host(2, 'z-o7k-m-1', 1, 'o7k'), host(3, 'nested', 2), host(4, 'dl360-ilo')];

  it('nests VMs under the host they run on, and their VMs under them', () => {
    const rows = visibleRows(buildForest(hosts, 'layer'), new Set());
    expect(rows.map((r) => [r.node.host!.name, r.level])).toEqual([
      ['dl360-ilo', 1],
      ['zcloud', 1],
      ['z-o7k-m-1', 2],
      ['nested', 3],
    ]);
    expect(visibleRows(buildForest(hosts, 'layer'), new Set(['h:1']))).toHaveLength(2);
    expect([...subtreeHostIds(buildForest(hosts, 'layer'), 'h:1')].sort()).toEqual([1, 2, 3]);
  });

  it('groups by cluster with hosts in no cluster last', () => {
    const forest = buildForest(hosts, 'cluster');
    expect(forest.roots).toEqual(['c:o7k', 'c:']);
    expect([...subtreeHostIds(forest, 'c:')].sort()).toEqual([1, 3, 4]);
  });
});

describe('selection', () => {
  const order = [10, 11, 12, 13, 14];
  it('click, Ctrl-click, Shift-click range and Ctrl+A', () => {
    let s = select(EMPTY_SELECTION, 11, order, 'replace');
    s = select(s, 13, order, 'range');
    expect([...s.ids]).toEqual([11, 12, 13]);
    s = select(s, 12, order, 'toggle');
    expect([...s.ids].sort()).toEqual([11, 13]);
    expect(selectAll(s, order).ids.size).toBe(5);
  });
});

describe('host form', () => {
  it('reports a missing name and a bad port beside their fields', () => {
    const form = { ...formFromHost(null), name: ' ', sshPort: '70000' };
    const result = fieldsFromForm(form, null);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.name?.key).toBe('inventory.form.required');
      expect(result.errors.sshPort?.key).toBe('inventory.form.max');
    }
  });

  it('turns text inputs into host fields, keeping markup in notes as plain text', () => {
    const form = { ...formFromHost(null), name: 'web-1', notes: '<img src=x>', tags: 'a, b，a', cpus: '4' };
    const result = fieldsFromForm(form, null);
    expect(result.ok && result.fields).toMatchObject({
      notes: '<img src=x>',
      tags: ['a', 'b'],
      cpus: 4,
      addresses: [],
    });
  });

  it('refuses a name the domain grammar refuses (markup, spaces, ssh_config patterns)', () => {
    for (const name of ['<img src=x>', 'web 1', '*']) {
      const result = fieldsFromForm({ ...formFromHost(null), name }, null);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.name).toBeDefined();
    }
  });
});

describe('an alias carried by several hosts', () => {
  it('finds all of them in the filter and Ctrl+K', () => {
    const withAlias = (id: number, name: string, alias: string) => ({
      ...host(id, name),
      aliases: [{ name: alias, note: '' }],
    });
    const index = indexHosts([withAlias(1, 'data-1', 'etcd'), withAlias(2, 'data-2', 'etcd'), host(3, 'web')]);
    expect(filterHosts(index, 'etcd').map((h) => h.host.name)).toEqual(['data-1', 'data-2']);
  });
});

describe('the filter while typing', () => {
  const hosts = ['o7k-m-1', 'o7k-m-12', 'o7k-c-1', 'k8s-n-1', 'K8S-M-2', 'ceph-osd-1'].map((n, i) => host(i + 1, n));

  it('narrowing the last answer finds exactly what a full scan finds, whatever is typed next', () => {
    const index = indexHosts(hosts);
    const narrowing = createNarrowingFilter();
    for (const q of [
      'o',
      'o7',
      'o7k',
      'o7k ',
      'o7k m',
      'o7k m-1',
      'o7k-m-1',
      'k',
      'K8',
      'k8s',
      '',
      'c',
      'ceph x',
      'ceph',
    ])
      expect(
        narrowing(index, q).map((h) => h.host.id),
        q,
      ).toEqual(filterHosts(index, q).map((h) => h.host.id));
  });

  it('a query that only grew scans the last answer, not every host; another inventory scans all', () => {
    let reads = 0;
    const counted = (index: IndexedHost[]) =>
      index.map((h) => ({
        ...h,
        get haystack() {
          reads++;
          return h.haystack;
        },
      }));
    const index = counted(indexHosts(hosts));
    const narrowing = createNarrowingFilter();
    expect(narrowing(index, 'o7k')).toHaveLength(3);
    reads = 0;
    expect(narrowing(index, 'o7k-m').map((h) => h.host.name)).toEqual(['o7k-m-1', 'o7k-m-12']);
    expect(reads).toBe(3);
    reads = 0;
    const reloaded = counted(indexHosts(hosts));
    expect(narrowing(reloaded, 'o7k-m-1')).toHaveLength(2);
    expect(reads).toBe(hosts.length);
  });
});

describe('the ids of the rows shown', () => {
  it('are in row order, built once per row list when first asked, and follow a new filter', () => {
    const index = indexHosts([host(7, 'b-web'), host(3, 'a-db'), host(9, 'c-web')]);
    let reads = 0;
    const counted = index.map((h) => {
      const copy = { ...h };
      Object.defineProperty(copy, 'host', { get: () => (reads++, h.host) });
      return copy;
    });
    const web = filterHosts(counted, 'web');
    expect(reads).toBe(0);
    expect(idsOf(web)).toEqual([7, 9]);
    expect(idsOf(web)).toBe(idsOf(web));
    expect(reads).toBe(2);
    expect(idsOf(filterHosts(counted, ''))).toEqual([7, 3, 9]);
  });
});
