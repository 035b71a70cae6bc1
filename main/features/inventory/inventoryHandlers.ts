import type { Handlers } from '../../../common/contract';
import type { inventoryCommands } from '../../../common/contract/inventory';
import type { InventoryService } from './inventoryService';

export function inventoryHandlers({ inventory }: { inventory: InventoryService }): Handlers<typeof inventoryCommands> {
  return {
    'inventory.listHosts': () => inventory.list(),
    'inventory.getHost': ({ id }) => inventory.get(id),
    'inventory.pageHosts': ({ after, limit }) => inventory.page(after, limit),
    'inventory.getHosts': ({ ids }) => inventory.getMany(ids),
    'inventory.addHost': (fields, ctx) => inventory.add(fields, ctx.door),
    'inventory.updateHost': ({ id, changes }, ctx) => inventory.update(id, changes, ctx.door),
    'inventory.removeHosts': ({ ids }, ctx) => ({ removed: inventory.remove(ids, ctx.door) }),
    'inventory.previewImport': (request) => inventory.previewImport(request),
    'inventory.commitImport': ({ rows, links, source }, ctx) => inventory.commitImport(rows, links, source, ctx.door),
    'inventory.export': ({ format }) => inventory.export(format),
    'inventory.getNamingRules': () => inventory.namingRules(),
    'inventory.setNamingRules': (rules, ctx) => inventory.setNamingRules(rules, ctx.door),
  };
}
