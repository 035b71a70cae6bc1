import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expandCpuset, parseDomainXml, parseSnapshotXml } from './domainXml';
import { parseXml, XmlError } from './xml';

const DOMAIN = `<?xml version="1.0"?>
<!-- a comment -->
<domain type='kvm' id='3'>
  <name>it&apos;s &lt;x&gt; &amp; $(id)</name>
  <uuid>5A1AB000-0000-4000-8000-000000000001</uuid>
  <description><![CDATA[<not a tag>]]></description>
  <memory unit='GiB'>4</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static' current='2' cpuset='0-7,^3'>4</vcpu>
  <cputune><vcpupin vcpu='0' cpuset='1'/><vcpupin vcpu="1" cpuset="2-3"/><emulatorpin cpuset='4'/></cputune>
  <numatune><memory mode='strict' nodeset='0-1'/></numatune>
  <devices>
    <disk type='volume' device='disk'><source pool='default' volume='v.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><target dev='sda' bus='sata'/></disk>
    <interface type='bridge'><mac address='52:54:00:AA:BB:CC'/><source bridge='br0'/><model type='virtio'/></interface>
    <serial type='pty'><source path='/dev/pts/4'/><target port='0'/></serial>
    <console type='tcp'><source mode='bind' host='127.0.0.1' service='4555'/><target type='serial' port='0'/></console>
    <graphics type='vnc' port='-1' autoport='yes' passwd='s3cret'><listen type='address' address='0.0.0.0'/></graphics>
    <graphics type='spice' port='5901' listen='127.0.0.1'/>
  </devices>
</domain>`;

describe('parseDomainXml', () => {
  it('reads the facts Labvisor shows, decoding entities and units', () => {
    const d = parseDomainXml(DOMAIN);
    expect(d).toMatchObject({
      name: "it's <x> & $(id)",
      uuid: '5a1ab000-0000-4000-8000-000000000001',
      vcpus: 2,
      memoryMiB: 4096,
      currentMemoryMiB: 2048,
      pinning: {
        vcpupin: [
          { vcpu: 0, cpuset: '1' },
          { vcpu: 1, cpuset: '2-3' },
        ],
        emulatorpin: '4',
        numaMode: 'strict',
        numaNodeset: '0-1',
        vcpuCpuset: '0-7,^3',
      },
    });
    expect(d.disks).toEqual([
      { target: 'vda', device: 'disk', bus: 'virtio', source: 'default/v.qcow2', format: null, capacityBytes: null },
      { target: 'sda', device: 'cdrom', bus: 'sata', source: null, format: null, capacityBytes: null },
    ]);
    expect(d.nics).toEqual([
      { mac: '52:54:00:aa:bb:cc', type: 'bridge', source: 'br0', model: 'virtio', target: null },
    ]);
    expect(d.serials).toEqual([
      { kind: 'serial', type: 'pty', source: '/dev/pts/4', port: 0 },
      { kind: 'console', type: 'tcp', source: '127.0.0.1:4555', port: 0 },
    ]);
    expect(d.graphics).toEqual([
      { type: 'vnc', port: null, listen: '0.0.0.0', passwordSet: true },
      { type: 'spice', port: 5901, listen: '127.0.0.1', passwordSet: false },
    ]);
    expect(JSON.stringify(d)).not.toContain('s3cret');
  });

  it('refuses truncated, unbalanced, DTD-bearing and non-domain documents', () => {
    for (const bad of [
      DOMAIN.slice(0, DOMAIN.length / 2),
      '<domain><name>x</name></uuid></domain>',
      '<!DOCTYPE domain [<!ENTITY x "y">]><domain/>',
      '<domain><name>&x;</name></domain>',
      '<network><name>x</name><uuid>u</uuid></network>',
      '<domain><name>x</name></domain>',
      '',
      'text',
      '<a/><b/>',
    ])
      expect(() => parseDomainXml(bad), bad).toThrow(XmlError);
  });

  it('never throws anything but XmlError on random input (fuzz)', () => {
    for (let i = 0; i < 2000; i++) {
      const cut = Math.floor(Math.random() * DOMAIN.length);
      const noise = randomBytes(8).toString('latin1');
      const text = i % 2 ? DOMAIN.slice(0, cut) + noise + DOMAIN.slice(cut + 8) : noise.repeat(3);
      try {
        parseXml(text);
      } catch (e) {
        expect(e).toBeInstanceOf(XmlError);
      }
    }
  });
});

describe('parseSnapshotXml', () => {
  it('reads name, description, time, state and parent', () => {
    const s = parseSnapshotXml(
      `<domainsnapshot><name>before upgrade</name><description>x &amp; y</description><state>running</state>
       <parent><name>base</name></parent><creationTime>1764590000</creationTime><domain/></domainsnapshot>`,
      true,
    );
    expect(s).toEqual({
      name: 'before upgrade',
      description: 'x & y',
      createdAt: new Date(1764590000 * 1000).toISOString(),
      state: 'running',
      parent: 'base',
      current: true,
      kind: 'internal',
    });
  });

  it("tells disk-only and external snapshots apart by the snapshot's own memory and disks, not the domain's", () => {
    const kind = (memory: string, disk: string) =>
      parseSnapshotXml(
        `<domainsnapshot><name>s</name><memory snapshot='${memory}'/><disks><disk name='vda' snapshot='${disk}'/>` +
          `</disks><domain><memory unit='KiB'>1</memory></domain></domainsnapshot>`,
        false,
      ).kind;
    expect([kind('no', 'external'), kind('external', 'external'), kind('internal', 'internal')]).toEqual([
      'disk-only',
      'external',
      'internal',
    ]);
  });
});

describe('expandCpuset', () => {
  it('expands ranges and exclusions as libvirt writes them', () => {
    expect(expandCpuset('0-3,^2,8')).toEqual([0, 1, 3, 8]);
    expect(expandCpuset('x')).toBeNull();
    expect(expandCpuset('5-1')).toBeNull();
  });
});
