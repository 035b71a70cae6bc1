import type { SelEntry } from '../../../common/domain/bmc';
import { AppError } from '../../../common/result';
import type { RedfishClient } from './redfishClient';
import { odataId, type RedfishDiscovery } from './redfishDiscovery';

type Json = Record<string, unknown>;

/** Most entries a log read returns (an IML holds at most a few thousand). */
const MAX_ENTRIES = 5000;

/**
 * The log that plays the SEL's part: iLO's Integrated Management Log (under the system), else a log service
 * called SEL, else the first log the system or manager has.
 */
async function eventLogPath(client: RedfishClient, d: RedfishDiscovery): Promise<string> {
  const owners = [d.system, d.managerPath ? await client.get(d.managerPath) : {}];
  const candidates: string[] = [];
  for (const owner of owners) {
    const collection = odataId(owner.LogServices);
    if (!collection) continue;
    const members = (await client.get(collection)).Members;
    for (const m of Array.isArray(members) ? members : []) {
      const id = odataId(m);
      if (id) candidates.push(id);
    }
  }
  const named = (re: RegExp) => candidates.find((p) => re.test(p.replace(/\/+$/, '').split('/').at(-1) ?? ''));
  const path = named(/^iml$/i) ?? named(/^sel$/i) ?? candidates[0];
  if (!path) throw new AppError('unsupported', 'the BMC has no log service');
  return path;
}

/** Every entry of the event log, oldest first, following `Members@odata.nextLink` pages and bare links. */
export async function readLogEntries(client: RedfishClient, d: RedfishDiscovery): Promise<SelEntry[]> {
  const service = await client.get(await eventLogPath(client, d));
  const entries: Json[] = [];
  let page: string | null = odataId(service.Entries);
  while (page && entries.length < MAX_ENTRIES) {
    const body = await client.get(page);
    for (const member of Array.isArray(body.Members) ? (body.Members as Json[]) : []) {
      const id = odataId(member);
      entries.push('Message' in member || !id ? member : await client.get(id));
    }
    page = typeof body['Members@odata.nextLink'] === 'string' ? body['Members@odata.nextLink'] : null;
  }
  return entries.map(toSelEntry).sort((a, b) => `${a.date}${a.time}`.localeCompare(`${b.date}${b.time}`));
}

function toSelEntry(e: Json): SelEntry {
  const created = typeof e.Created === 'string' ? e.Created : '';
  const [date = created, time = ''] = created.split('T');
  const code = String(e.EntryCode ?? '');
  return {
    id: String(e.Id ?? ''),
    date,
    time: time.replace(/Z$/, ''),
    sensor: String(e.SensorType ?? e.Name ?? ''),
    event: [e.Severity ? `${String(e.Severity)}:` : '', String(e.Message ?? '')].filter(Boolean).join(' '),
    direction: /^assert/i.test(code) ? 'asserted' : /^deassert/i.test(code) ? 'deasserted' : null,
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
