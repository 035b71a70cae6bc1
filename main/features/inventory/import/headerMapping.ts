import type { ColumnTarget, ImportField } from '../../../../common/contract/inventory';

/** Header words (lower case, without spaces, `_`, `-`, `.` or a unit in brackets) → field. */
const SYNONYMS: Record<string, ImportField> = {};
const add = (field: ImportField, words: string[]) => {
  for (const w of [field.toLowerCase(), ...words]) SYNONYMS[w] = field;
};
add('name', [
  'hostname',
  'host',
  'server',
  'servername',
  'node',
  'nodename',
  'vm',
  'vmname',
  '主机名',
  '主机',
  '名称',
  '名字',
  '服务器',
]);
add('address', [
  'ip',
  'ipaddress',
  'ipaddr',
  'addr',
  'mgmtip',
  'managementip',
  'hostip',
  'ansiblehost',
  '主机ip',
  'ip地址',
  '管理ip',
  '地址',
]);
add('layer', ['level', 'virtlayer', 'virtualizationlayer', 'nesting', '虚拟化层', '层', '层级']);
add('kind', ['type', 'hosttype', 'hostkind', '类型', '种类']);
add('parent', ['hypervisor', 'parenthost', 'physicalhost', 'runson', 'vmhost', '宿主机', '宿主', '父主机', '物理机']);
add('cluster', ['group', 'clustername', '集群', '分组']);
add('role', ['purpose', 'function', '角色', '用途']);
add('index', ['idx', 'no', 'number', '序号', '编号']);
add('arch', ['architecture', 'platform', 'cpuarch', '架构']);
add('cpus', ['cpu', 'vcpu', 'vcpus', 'cores', 'core', 'cpucores', 'cpu核数', '核数', '处理器']);
add('memoryGiB', ['memory', 'mem', 'ram', 'memorygb', 'memgb', 'ramgb', '内存']);
add('diskGiB', ['disk', 'disks', 'storage', 'hdd', 'ssd', 'diskgb', 'diskgib', '磁盘', '硬盘', '存储']);
add('numa', ['numanode', 'numanodes', 'cpuaffinity', 'pinning']);
add('notes', [
  'note',
  'description',
  'desc',
  'comment',
  'comments',
  'remark',
  'remarks',
  '说明',
  '备注',
  '描述',
  '用途说明',
]);
add('tags', ['tag', 'labels', 'label', '标签']);
add('sshUser', ['user', 'username', 'login', 'sshlogin', 'ansibleuser', '用户', '用户名', '登录用户']);
add('sshPort', ['port', 'ansibleport', '端口', 'ssh端口', 'ssh端口号']);
add('identityFile', [
  'identity',
  'key',
  'keyfile',
  'sshkey',
  'privatekey',
  'ansiblesshprivatekeyfile',
  '密钥',
  '私钥',
  '密钥文件',
  '私钥文件',
]);
add('jumpHost', ['jump', 'proxyjump', 'bastion', 'via', 'gateway', '跳板机', '跳板']);
add('bmcType', ['oobtype', 'ipmitype', '带外类型']);
add('bmcPort', ['oobport', 'ipmiport', 'iloport', '带外端口']);
add('bmcJumpHost', ['oobjump', 'bmcjump', 'oobjumphost', '带外跳板机', '带外跳板']);
add('bmcAddress', [
  'bmc',
  'bmcip',
  'ilo',
  'iloip',
  'ipmi',
  'ipmiip',
  'idrac',
  'oob',
  'oobip',
  '带外',
  '带外ip',
  '带外地址',
]);
add('bmcUser', ['ilouser', 'ipmiuser', 'oobuser', '带外用户', '带外用户名']);

/** `内存(G)`, `mem (GB)`, `Disk [TiB]`: the bracketed unit, in GiB. */
const UNIT = /[(（[]\s*([KMGT])(?:i?B)?\s*[)）\]]/i;
const UNIT_GIB: Record<string, number> = { K: 1 / 1024 / 1024, M: 1 / 1024, G: 1, T: 1024 };

function normalize(header: string): string {
  return header
    .replace(/[(（[].*?[)）\]]/g, '')
    .toLowerCase()
    .replace(/[\s_.\-/]/g, '');
}

function recognise(header: string): ImportField | null {
  return SYNONYMS[normalize(header)] ?? null;
}

export function headerUnitGiB(header: string): number {
  const m = UNIT.exec(header);
  return m ? UNIT_GIB[m[1]!.toUpperCase()]! : 1;
}

export interface ColumnMapping {
  /** Column index → field, for the columns that are read. */
  columns: Map<number, ImportField>;
  mapping: Record<string, ColumnTarget>;
  unmappedHeaders: string[];
}

/** Recognised headers, overridden by the user's choices (exact header text, else case-insensitive). */
export function mapColumns(headers: string[], overrides: Record<string, ColumnTarget> = {}): ColumnMapping {
  const lowerOverrides = new Map(Object.entries(overrides).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const columns = new Map<number, ImportField>();
  const taken = new Set<ImportField>();
  const mapping: Record<string, ColumnTarget> = {};
  const unmappedHeaders: string[] = [];
  const chosen = headers.map((h) => overrides[h] ?? lowerOverrides.get(h.trim().toLowerCase()) ?? null);
  // The user's choices claim their fields first, so a recognised column cannot take a field the user gave away.
  for (const target of chosen) if (target && target !== 'ignore') taken.add(target);
  headers.forEach((header, i) => {
    const target = chosen[i] ?? recognise(header);
    if (target === 'ignore') {
      mapping[header] = 'ignore';
      return;
    }
    if (!target || (!chosen[i] && taken.has(target)) || [...columns.values()].includes(target)) {
      if (header.trim()) unmappedHeaders.push(header);
      return;
    }
    taken.add(target);
    columns.set(i, target);
    mapping[header] = target;
  });
  return { columns, mapping, unmappedHeaders };
}
