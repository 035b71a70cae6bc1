import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../common/contract';
import { EventBus } from './eventBus';

const sample = (hostId: number) => ({ hostId, at: 1, values: {} });

describe('EventBus', () => {
  it('sends an event with an audience only to those clients, and to in-process listeners', () => {
    const bus = new EventBus();
    const got = { a: [] as EventMessage[], b: [] as EventMessage[], local: [] as EventMessage[] };
    bus.subscribe((e) => got.a.push(e), 'a');
    bus.subscribe((e) => got.b.push(e), 'b');
    bus.subscribe((e) => got.local.push(e));
    bus.emit('metrics.sample', sample(1), new Set(['a']));
    bus.emit('metrics.sample', sample(2), new Set());
    bus.emit('inventory.changed', { reason: 'import' });
    expect(got.a.map((e) => e.name)).toEqual(['metrics.sample', 'inventory.changed']);
    expect(got.b.map((e) => e.name)).toEqual(['inventory.changed']);
    expect(got.local).toHaveLength(3);
  });

  it('says once which client went when its subscription ends', () => {
    const bus = new EventBus();
    const gone: string[] = [];
    bus.onClientGone((c) => gone.push(c));
    const offA = bus.subscribe(() => {}, 'a');
    const offLocal = bus.subscribe(() => {});
    offLocal();
    offA();
    offA();
    expect(gone).toEqual(['a']);
  });
});
