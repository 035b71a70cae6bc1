import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostFields } from '../../../common/domain/host';
import { createServices, type AppServices } from '../../app/services';

let dir: string;
let s: AppServices;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-domainid-'));
  s = createServices({ dataDir: dir });
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const vm = (name: string, parentId: number, domainUuid: string) =>
  HostFields.parse({ name, kind: 'vm', parentId, hypervisor: { libvirtUri: null, domainName: name, domainUuid } });
const UUID = '5a1ab000-0000-4000-8000-000000000001';

describe('domain identity (migration 006)', () => {
  it('refuses a second host for the same domain on the same hypervisor, allows it on another', () => {
    const hv1 = s.inventory.add(HostFields.parse({ name: 'hv1' }), 'cli');
    const hv2 = s.inventory.add(HostFields.parse({ name: 'hv2' }), 'cli');
    s.inventory.add(vm('a', hv1.id, UUID), 'cli');
    expect(() => s.inventory.add(vm('b', hv1.id, UUID), 'cli')).toThrow(/UNIQUE/);
    expect(s.inventory.add(vm('c', hv2.id, UUID), 'cli').name).toBe('c');
    expect(s.inventory.find('b')).toBeNull();
  });
});
