import type { Handlers } from '../../../common/contract';
import type { powerCommands } from '../../../common/contract/power';
import type { PowerService } from './powerService';

export function powerHandlers({ power }: { power: PowerService }): Handlers<typeof powerCommands> {
  return {
    'power.resolve': ({ targets }) => power.resolve(targets),
    'power.status': (input) => power.status(input),
    'power.set': (input, ctx) => power.set(input, ctx.door),
    'power.bootDevice': (input, ctx) => power.bootDevice(input, ctx.door),
    'power.identify': (input, ctx) => power.identify(input, ctx.door),
    'power.startup': ({ targets }) => power.startup(targets),
    'power.setStartup': (input, ctx) => power.setStartup(input, ctx.door),
    'power.listSequences': ({ cluster }) => power.sequences.list(cluster),
    'power.saveSequence': (input, ctx) => power.saveSequence(input, ctx.door),
    'power.deleteSequence': ({ id }, ctx) => ({ deleted: power.deleteSequence(id, ctx.door) }),
    'power.runSequence': (input, ctx) => power.runSequence(input, ctx.door),
  };
}
