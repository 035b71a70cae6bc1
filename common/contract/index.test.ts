import { describe, expect, it } from 'vitest';
import { appCommands } from './app';
import { auditCommands } from './audit';
import { bmcCommands } from './bmc';
import { consoleCommands } from './console';
import { inventoryCommands } from './inventory';
import { metricsCommands } from './metrics';
import { powerCommands } from './power';
import { sshCommands } from './ssh';
import { terminalCommands } from './terminal';
import { virtCommands } from './virt';
import { commandSpec, featureOf, type Feature } from './index';

const byFeature: Record<Feature, Record<string, unknown>> = {
  app: appCommands,
  audit: auditCommands,
  inventory: inventoryCommands,
  ssh: sshCommands,
  terminal: terminalCommands,
  power: powerCommands,
  bmc: bmcCommands,
  virt: virtCommands,
  metrics: metricsCommands,
  console: consoleCommands,
};

describe('the contract, loaded per feature', () => {
  it('finds every command of every feature through its prefix, with the schema its feature defines', async () => {
    for (const [feature, commands] of Object.entries(byFeature)) {
      for (const [name, spec] of Object.entries(commands)) {
        expect(featureOf(name), name).toBe(feature);
        expect(await commandSpec(name), name).toBe(spec);
      }
    }
  });

  it('finds nothing for names that are not commands, including properties every object has', async () => {
    for (const name of [
      '',
      '.',
      'inventory',
      'inventory.',
      'inventory.dropTables',
      'inventory.constructor',
      'inventory.__proto__',
      'inventory.hasOwnProperty',
      'constructor.name',
      '__proto__.x',
      'hasOwnProperty.x',
      'nope.listHosts',
    ])
      expect(await commandSpec(name), name).toBeNull();
    expect(featureOf('constructor.x')).toBeNull();
    expect(featureOf('inventory.x')).toBe('inventory');
  });
});
