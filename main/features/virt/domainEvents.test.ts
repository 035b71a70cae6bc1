import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { eventFollowCommand, parseEventLine } from './domainEvents';

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

describe('eventFollowCommand', () => {
  it('runs virsh under a POSIX sh that kills it at the end of the channel', () => {
    expect(eventFollowCommand('qemu+ssh://kvm/system')).toBe(
      "sh -c 'exec 3<&0 </dev/null; " +
        "env LC_ALL=C virsh -c '\\''qemu+ssh://kvm/system'\\'' event --all --loop --timestamp 3<&- & v=$!; " +
        '{ cat <&3 >/dev/null 2>&1; kill $v 2>/dev/null; } >/dev/null 2>&1 & w=$!; ' +
        "exec 3<&-; wait $v; s=$?; kill $w 2>/dev/null; exit $s'",
    );
  });

  it('passes a hostile URI to virsh as one literal argument, through both shells', () => {
    const uri = 'test:///x\'; touch /tmp/p $(id) `id` "q" \\ end';
    // The script sh -c receives, as the login shell hands it over: what dash parses must give virsh the URI whole.
    const script = execFileSync('sh', ['-c', `printf %s ${eventFollowCommand(uri).slice('sh -c '.length)}`], {
      encoding: 'utf8',
    });
    const argv = execFileSync('sh', ['-c', script.replace('env LC_ALL=C virsh', "printf '<%s>'")], {
      encoding: 'utf8',
      input: '',
    });
    expect(argv).toBe(`<-c><${uri}><event><--all><--loop><--timestamp>`);
  });
});
