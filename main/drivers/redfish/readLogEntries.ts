import type { SelEntry } from '../../../common/domain/bmc';
import { AppError } from '../../../common/result';
import { goingOf } from '../ipmi/parseSel';
import { readMembers } from './readCollection';
import type { RedfishClient } from './redfishClient';
import { odataId, type RedfishDiscovery } from './redfishDiscovery';

type Json = Record<string, unknown>;

/** Most entries a log read returns (an IML holds at most a few thousand). */
const MAX_ENTRIES = 5000;

/** Logs that hold no events: BMC and system dumps, POST codes, journals, crash and audit data. */
const NOT_EVENTS = /dump|post ?codes?|crash|journal|audit|diagnostic|debug|fdm|lclog/i;

/**
 * How well a log service plays the SEL's part (lower is better; null: not an event log). By what the service
 * says it holds (`LogEntryType` SEL or Event, LogService v1.1+), then by name where it says nothing (iLO 4):
 * iLO's Integrated Management Log first, then a SEL, then an event log; dumps and POST codes never.
 */
export function eventLogRank(service: Json): number | null {
  const id = String(service.Id ?? odataId(service)?.replace(/\/+$/, '').split('/').at(-1) ?? '');
  const name = `${id} ${String(service.Name ?? '')}`;
  if (service.DiagnosticDataType !== undefined || NOT_EVENTS.test(name)) return null;
  if (/^iml$/i.test(id) || /integrated management log/i.test(name)) return 0;
  if (service.LogEntryType === 'SEL' || /^sel$/i.test(id)) return 1;
  if (service.LogEntryType === 'Event' || /event/i.test(name)) return 2;
  return service.LogEntryType === undefined || service.LogEntryType === 'Multiple' ? 3 : null;
}

/** The log that plays the SEL's part, among the system's and the manager's log services. */
async function eventLogPath(client: RedfishClient, d: RedfishDiscovery): Promise<string> {
  const owners = [d.system, d.managerPath ? await client.get(d.managerPath) : {}];
  let best: { path: string; rank: number } | null = null;
  for (const owner of owners) {
    const collection = odataId(owner.LogServices);
    if (!collection) continue;
    for (const service of await readMembers(client, d, collection)) {
      const path = odataId(service);
      const rank = eventLogRank(service);
      if (path && rank !== null && (!best || rank < best.rank)) best = { path, rank };
    }
  }
  if (!best) throw new AppError('unsupported', 'the BMC has no event log (only dumps or POST codes, or none)');
  return best.path;
}

/**
 * Every entry of the event log, oldest first: expanded or paged by the service where it advertises it, else
 * following `Members@odata.nextLink` and reading bare links one by one.
 */
export async function readLogEntries(client: RedfishClient, d: RedfishDiscovery): Promise<SelEntry[]> {
  const service = await client.get(await eventLogPath(client, d));
  const entriesPath = odataId(service.Entries);
  const entries = entriesPath ? await readMembers(client, d, entriesPath, MAX_ENTRIES) : [];
  return entries.map(toSelEntry).sort((a, b) => `${a.date}${a.time}`.localeCompare(`${b.date}${b.time}`));
}

/** Assertion from `EntryCode` (SEL-style entries), else from the message or MessageId wording. */
function directionOf(e: Json, text: string): SelEntry['direction'] {
  const code = String(e.EntryCode ?? '');
  if (/^assert/i.test(code)) return 'asserted';
  if (/^deassert/i.test(code)) return 'deasserted';
  if (/\bde-?asserted\b/i.test(text)) return 'deasserted';
  if (/\basserted\b/i.test(text)) return 'asserted';
  return null;
}

function toSelEntry(e: Json): SelEntry {
  const created = typeof e.Created === 'string' ? e.Created : '';
  const [date = created, time = ''] = created.split('T');
  const message = String(e.Message ?? '');
  const text = `${message} ${String(e.MessageId ?? '')}`;
  return {
    id: String(e.Id ?? ''),
    date,
    time: time.replace(/Z$/, ''),
    sensor: String(e.SensorType ?? e.Name ?? ''),
    event: [e.Severity ? `${String(e.Severity)}:` : '', message].filter(Boolean).join(' '),
    direction: directionOf(e, text),
    going: goingOf(text),
  };
}

/** Clears the event log with `LogService.ClearLog`; resolves with how many entries it held. */
export async function clearLog(client: RedfishClient, d: RedfishDiscovery): Promise<number> {
  const before = await readLogEntries(client, d);
  const service = await client.get(await eventLogPath(client, d));
  const action = ((service.Actions ?? {}) as Json)['#LogService.ClearLog'] as Json | undefined;
  if (typeof action?.target !== 'string') throw new AppError('unsupported', 'the BMC log cannot be cleared remotely');
  await client.post(action.target, {});
  return before.length;
}
