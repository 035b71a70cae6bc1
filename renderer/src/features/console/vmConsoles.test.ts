import { describe, expect, it } from 'vitest';
import type { DomainGraphics } from '../../../../common/domain/virt';
import { screenBlocked, serialBlocked, vmScreenTarget, vmSerialSpec } from './vmConsoles';

const vnc: DomainGraphics = { type: 'vnc', port: 5901, listen: '0.0.0.0', passwordSet: false };
const serial = { kind: 'serial' as const, type: 'pty', source: '/dev/pts/3', port: 0 };

describe('VM console buttons', () => {
  it('offers the screen of a live VM with VNC, and says why not otherwise', () => {
    expect(screenBlocked({ graphics: [vnc], state: 'running' })).toBeNull();
    expect(screenBlocked({ graphics: [vnc], state: 'paused' })).toBeNull();
    expect(screenBlocked({ graphics: [vnc], state: 'shut off' })).toEqual({ key: 'console.vm.notRunning' });
    expect(screenBlocked({ graphics: [], state: 'running' })).toEqual({ key: 'console.vm.noGraphics' });
    expect(screenBlocked({ graphics: [{ ...vnc, type: 'spice' }], state: 'running' })).toEqual({
      key: 'console.vm.otherGraphics',
      vars: { types: 'spice' },
    });
    expect(serialBlocked({ serials: [serial], state: 'running' })).toBeNull();
    expect(serialBlocked({ serials: [], state: 'running' })).toEqual({ key: 'console.vm.noSerial' });
    expect(serialBlocked({ serials: [serial], state: 'crashed' })).toEqual({ key: 'console.vm.notRunning' });
  });

  it('names an inventory VM by id, any other domain by UUID on its hypervisor', () => {
    const uuid = '6f1c2f2e-9a57-4c3e-9a0c-4c1f7d3f0b11';
    const hv = { id: 7, hypervisor: null };
    expect(vmScreenTarget({ hostId: 3, uuid }, hv)).toEqual({ vm: 3 });
    expect(vmScreenTarget({ hostId: null, uuid }, hv)).toEqual({ domain: uuid, via: 7 });
    expect(vmSerialSpec({ hostId: 3, uuid }, hv)).toEqual({ vm: 3 });
    expect(
      vmSerialSpec({ hostId: null, uuid }, { id: 7, hypervisor: { libvirtUri: 'qemu:///system' } as never }),
    ).toEqual({ domain: uuid, via: 7, uri: 'qemu:///system' });
  });
});
