import { describe, expect, it } from 'vitest';
import { parseEventLine } from './domainEvents';

describe('parseEventLine', () => {
  it('reads virsh event lines, hostile domain names included', () => {
    expect(
      parseEventLine("2026-12-01 15:30:00.123+0000: event 'lifecycle' for domain 'x;touch p': Started Booted"),
    ).toEqual({ event: 'lifecycle', domain: 'x;touch p', detail: 'Started Booted' });
    expect(parseEventLine("event 'reboot' for domain 'it's': ")).toEqual({
      event: 'reboot',
      domain: "it's",
      detail: '',
    });
    expect(parseEventLine('events received: 3')).toBeNull();
  });
});
