import type { RedfishClient } from './redfishClient';
import { odataId, type RedfishDiscovery } from './redfishDiscovery';

type Json = Record<string, unknown>;

/** Members asked for per request when the service pages with `$top`/`$skip`. */
const PAGE = 200;

interface ExpandQuery {
  ExpandAll?: boolean;
  Levels?: boolean;
  NoLinks?: boolean;
  MaxLevels?: number;
}

/**
 * The `$expand` a service advertises in `ProtocolFeaturesSupported` (DSP0266 7.3): `.` expands the members
 * without the `Links` section, `*` everything; one level is all a collection needs. null: not advertised.
 */
function expandParameter(root: Json): string | null {
  const features = (root.ProtocolFeaturesSupported ?? {}) as { ExpandQuery?: ExpandQuery };
  const q = features.ExpandQuery;
  if (!q) return null;
  const levels = q.Levels ? '($levels=1)' : '';
  if (q.NoLinks) return `.${levels}`;
  if (q.ExpandAll) return `*${levels}`;
  return null;
}

const topSkip = (root: Json) =>
  (root.ProtocolFeaturesSupported as { TopSkipQuery?: boolean } | undefined)?.TopSkipQuery === true;

/** A member that is a bare link (`{"@odata.id": ...}`), which has to be fetched to be read. */
const isLinkOnly = (member: Json) => Object.keys(member).every((k) => k.startsWith('@odata.'));

/**
 * Every member of a collection, read: inline members as they are; links expanded by the service in the same
 * request where it advertises `$expand`, paged with `$top`/`$skip` where it advertises that, following
 * `Members@odata.nextLink`; only what is still a bare link is fetched one by one. At most `limit` members.
 */
export async function readMembers(
  client: RedfishClient,
  d: Pick<RedfishDiscovery, 'root'>,
  path: string,
  limit = 5000,
): Promise<Json[]> {
  const expand = expandParameter(d.root);
  const paged = topSkip(d.root);
  const members: Json[] = [];
  const query = (skip: number) => {
    const params = [
      ...(expand ? [`$expand=${expand}`] : []),
      ...(paged ? [`$top=${Math.min(PAGE, limit - skip)}`, `$skip=${skip}`] : []),
    ];
    return params.length ? `${path}?${params.join('&')}` : path;
  };
  let page: string | null = query(0);
  while (page && members.length < limit) {
    const body = await client.get(page);
    const got = Array.isArray(body.Members) ? (body.Members as Json[]) : [];
    for (const member of got.slice(0, limit - members.length)) {
      const id = odataId(member);
      members.push(isLinkOnly(member) && id ? await client.get(id) : member);
    }
    const next = body['Members@odata.nextLink'];
    const total = body['Members@odata.count'];
    if (typeof next === 'string') page = next;
    else if (paged && got.length > 0 && (typeof total !== 'number' || members.length < total))
      page = query(members.length);
    else page = null;
  }
  return members;
}
