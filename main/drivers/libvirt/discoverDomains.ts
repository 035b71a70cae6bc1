import { randomBytes } from 'node:crypto';
import {
  ADDRESS_SOURCES,
  DomainUuid,
  type DomainAddress,
  type DomainInfo,
  type NodeInfo,
} from '../../../common/domain/virt';
import { AppError } from '../../../common/result';
import { parseNumaCells } from './capabilities';
import { parseDomainXml } from './domainXml';
import type { VirshClient, VirshCommand } from './virshClient';
import { keyValues, parseBlkInfo, parseDomIfAddr, parseDomState, parseNodeInfo, yesNo } from './virshText';
import { XmlError } from './xml';

export interface Discovery {
  node: NodeInfo;
  domains: DomainInfo[];
  /** Domains listed but gone (or unreadable) by the time their details were asked for, with the reason. */
  skipped: { uuid: string; reason: string }[];
  /** SSH channels this discovery opened (each `exec` is one). */
  channels: number;
}

/** Splits output at marker lines `MARK key` into key → text. */
function sections(stdout: string, mark: string): Map<string, string> {
  const out = new Map<string, string>();
  let key: string | null = null;
  let lines: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith(`${mark} `)) {
      if (key !== null) out.set(key, lines.join('\n'));
      key = line.slice(mark.length + 1).trim();
      lines = [];
    } else if (key !== null) lines.push(line);
  }
  if (key !== null) out.set(key, lines.join('\n'));
  return out;
}

/**
 * Everything about every domain in two round trips on one SSH connection: first the node and the domain UUIDs,
 * then, in one batched virsh invocation, each domain's XML, state, info and disk sizes. Domains are named only
 * by UUID on the command line (validated first), so a hostile domain name never reaches a shell or virsh's parser.
 * The outputs are separated by markers carrying a random nonce, which no domain XML can forge; a missing end
 * marker (the connection dropped) fails the whole discovery.
 */
export async function discoverDomains(virsh: VirshClient): Promise<Discovery> {
  const mark = `@@labvisor-${randomBytes(8).toString('hex')}`;
  const first = await virsh.batch([
    ['echo', `${mark} node`],
    ['nodeinfo'],
    ['echo', `${mark} list`],
    ['list', '--all', '--uuid'],
    ['echo', `${mark} caps`],
    ['capabilities'],
    ['echo', `${mark} free`],
    ['freecell', '--all'],
    ['echo', `${mark} end`],
  ]);
  const head = sections(first.stdout, mark);
  if (!head.has('end') || !head.get('node')?.trim())
    throw new AppError('remote_error', `${virsh.hostName}: virsh gave no node information (${first.stderr.trim()})`);
  const node = { ...parseNodeInfo(head.get('node')!), cells: numaCells(head.get('caps'), head.get('free')) };
  const uuids = head
    .get('list')!
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const parsed = DomainUuid.safeParse(l);
      if (!parsed.success) throw new AppError('remote_error', `${virsh.hostName}: virsh listed a non-UUID '${l}'`);
      return parsed.data;
    });
  if (uuids.length === 0) return { node, domains: [], skipped: [], channels: 1 };
  const { domains, skipped } = await readDomains(virsh, uuids);
  return { node, domains, skipped, channels: 2 };
}

/**
 * Each domain's XML, state, info and disk sizes in one batched virsh invocation (one channel). `refs` are UUIDs
 * (discovery) or one stored name (a single VM's detail), each one quoted word for virsh's parser.
 */
export async function readDomains(virsh: VirshClient, refs: string[]): Promise<Pick<Discovery, 'domains' | 'skipped'>> {
  const mark = `@@labvisor-${randomBytes(8).toString('hex')}`;
  const commands: VirshCommand[] = refs.flatMap((ref, i) => [
    ['echo', `${mark} xml ${i}`],
    // --security-info: the only way to learn whether a VNC/SPICE password is set; the parser keeps presence only.
    ['dumpxml', '--security-info', '--domain', ref],
    ['echo', `${mark} state ${i}`],
    ['domstate', '--reason', '--domain', ref],
    ['echo', `${mark} info ${i}`],
    ['dominfo', '--domain', ref],
    ['echo', `${mark} blk ${i}`],
    ['domblkinfo', '--all', '--domain', ref],
    // Guest IPs for matching by IP: each source libvirt may know (a shut-off domain just answers an error).
    ...ADDRESS_SOURCES.flatMap((source): VirshCommand[] => [
      ['echo', `${mark} addr-${source} ${i}`],
      ['domifaddr', '--full', '--source', source, '--domain', ref],
    ]),
  ]);
  commands.push(['echo', `${mark} end`]);
  const { stdout } = await virsh.batch(commands);
  const parts = sections(stdout, mark);
  if (!parts.has('end'))
    throw new AppError('unreachable', `${virsh.hostName}: the domain details were cut off; nothing was changed`);
  const domains: DomainInfo[] = [];
  const skipped: Discovery['skipped'] = [];
  refs.forEach((ref, i) => {
    const xml = parts.get(`xml ${i}`)?.trim();
    if (!xml) {
      skipped.push({ uuid: ref, reason: 'gone before its details were read' });
      return;
    }
    try {
      const facts = parseDomainXml(xml);
      const info = keyValues(parts.get(`info ${i}`) ?? '');
      const sizes = parseBlkInfo(parts.get(`blk ${i}`) ?? '');
      domains.push({
        ...facts,
        ...parseDomState(parts.get(`state ${i}`) ?? ''),
        autostart: yesNo(info.get('autostart'), 'enable', 'disable'),
        persistent: yesNo(info.get('persistent'), 'yes', 'no'),
        disks: facts.disks.map((d) => ({ ...d, capacityBytes: sizes.get(d.target) ?? null })),
        addresses: uniqueAddresses(
          ADDRESS_SOURCES.flatMap((source) => parseDomIfAddr(parts.get(`addr-${source} ${i}`) ?? '', source)),
        ),
      });
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      skipped.push({ uuid: ref, reason: `unreadable XML: ${error.message}` });
    }
  });
  return { domains, skipped };
}

/** The first source to report an IP wins (lease, then ARP, then the agent). */
function uniqueAddresses(all: DomainAddress[]): DomainAddress[] {
  const seen = new Set<string>();
  return all.filter((a) => !seen.has(a.ip) && seen.add(a.ip));
}

/** Per-node capacity when libvirt reports a topology; none (not an error) when it reports none or garbage. */
function numaCells(caps: string | undefined, free: string | undefined) {
  try {
    return caps?.trim() ? parseNumaCells(caps.trim(), free ?? '') : [];
  } catch (error) {
    if (error instanceof XmlError) return [];
    throw error;
  }
}
