import type { Handlers } from '../../../common/contract';
import type { virtCommands } from '../../../common/contract/virt';
import type { VirtService } from './virtService';

export function virtHandlers({ virt }: { virt: VirtService }): Handlers<typeof virtCommands> {
  return {
    'virt.preview': (input) => virt.preview(input),
    'virt.discover': (input, ctx) => virt.discover(input, ctx.door),
    'virt.list': (input) => virt.list(input),
    'virt.domain': (input) => virt.domain(input),
    'virt.snapshots': (input) => virt.snapshots(input),
    'virt.snapshotCreate': (input, ctx) => virt.snapshotCreate(input, ctx.door),
    'virt.snapshotRevert': (input, ctx) => virt.snapshotRevert(input, ctx.door),
    'virt.snapshotDelete': (input, ctx) => virt.snapshotDelete(input, ctx.door),
    'virt.setAutostart': (input, ctx) => virt.setAutostart(input, ctx.door),
    'virt.watch': (input) => virt.watch(input),
    'virt.unwatch': ({ watchId }) => ({ stopped: virt.events.unwatch(watchId) }),
    'virt.suspend': (input, ctx) => virt.suspendResume(input, false, ctx.door),
    'virt.resume': (input, ctx) => virt.suspendResume(input, true, ctx.door),
  };
}
