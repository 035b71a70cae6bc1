import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redfishLab } from '../../testing/redfishTestLab';
import { eventLogRank } from './readLogEntries';

type Lab = Awaited<ReturnType<typeof redfishLab>>;

// The event log of a service on the newer schemas (Redfish test service, shape `modern`): a dump and a POST-code
// log listed first, entries as bare links, `$expand` and `$top/$skip` advertised.
describe('Redfish event log selection and cost', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await redfishLab({ shape: 'modern' });
  });
  afterAll(() => lab.cleanup());

  it('reads the event log, not the dump or POST-code log listed before it, with direction and trend', async () => {
    const { entries } = await lab.services.bmc.sel(lab.host.id);
    expect(entries.map((e) => e.event)).toEqual([
      'OK: Server power restored.',
      'Warning: POST Error: 1785-Drive Array not Configured',
      'Critical: Upper Critical - going high: 01-Inlet Ambient',
    ]);
    expect(entries[2]).toMatchObject({ direction: 'asserted', going: 'high' });
  });

  it('reads a long log in a few expanded pages, not one request per entry', async () => {
    for (let i = 0; i < 450; i++)
      lab.bmc.machine.log('OK', `Lower Non-critical going low ${i}`, { SensorType: 'Fan', EntryCode: 'Deassert' });
    lab.bmc.requestLog.length = 0;
    const { entries } = await lab.services.bmc.sel(lab.host.id);
    expect(entries).toHaveLength(453);
    expect(entries.filter((e) => e.direction === 'deasserted' && e.going === 'low')).toHaveLength(450);
    const entryRequests = lab.bmc.requestLog.filter((r) => r.includes('/Entries'));
    expect(entryRequests.every((r) => /\/Entries\?\$expand=[^&]+&\$top=\d+&\$skip=\d+$/.test(r))).toBe(true);
    expect(entryRequests).toHaveLength(3);
  });

  it('ranks log services by what they hold', () => {
    expect(eventLogRank({ Id: 'Dump', LogEntryType: 'Multiple' })).toBeNull();
    expect(eventLogRank({ Id: 'PostCodes' })).toBeNull();
    expect(eventLogRank({ Id: 'FaultLog', DiagnosticDataType: 'OEM' })).toBeNull();
    expect(eventLogRank({ Id: 'IML' })).toBe(0);
    expect(eventLogRank({ Id: 'Log1', LogEntryType: 'SEL' })).toBe(1);
    expect(eventLogRank({ Id: 'EventLog', LogEntryType: 'Event' })).toBe(2);
  });
});
