import type { z } from 'zod';
import { HostFields, type BmcType, type Host, type HostKind } from '../../../../common/domain/host';

/** What the editor's inputs hold: text as typed, turned into `HostFields` (and checked) on save. */
export interface HostForm {
  name: string;
  kind: HostKind;
  layer: string;
  parentId: string;
  cluster: string;
  role: string;
  index: string;
  arch: string;
  cpus: string;
  memoryGiB: string;
  diskGiB: string;
  diskType: string;
  numa: string;
  notes: string;
  tags: string;
  addresses: { label: string; address: string }[];
  aliases: { name: string; note: string }[];
  sshUser: string;
  sshPort: string;
  sshJumpHostId: string;
  sshIdentityFile: string;
  bmcEnabled: boolean;
  bmcType: BmcType;
  bmcAddress: string;
  bmcPort: string;
  bmcUser: string;
  bmcCipherSuite: string;
  bmcJumpHostId: string;
  protected: boolean;
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function formFromHost(host: Host | null): HostForm {
  return {
    name: host?.name ?? '',
    kind: host?.kind ?? 'physical',
    layer: str(host?.layer ?? 0),
    parentId: str(host?.parentId),
    cluster: str(host?.cluster),
    role: str(host?.role),
    index: str(host?.index),
    arch: str(host?.arch),
    cpus: str(host?.cpus),
    memoryGiB: str(host?.memoryGiB),
    diskGiB: str(host?.diskGiB),
    diskType: str(host?.diskType),
    numa: str(host?.numa),
    notes: host?.notes ?? '',
    tags: host?.tags.join(', ') ?? '',
    addresses: host?.addresses.map((a) => ({ ...a })) ?? [{ label: 'management', address: '' }],
    aliases: host?.aliases.map((a) => ({ ...a })) ?? [],
    sshUser: str(host?.ssh.user),
    sshPort: str(host?.ssh.port),
    sshJumpHostId: str(host?.ssh.jumpHostId),
    sshIdentityFile: str(host?.ssh.identityFile),
    bmcEnabled: Boolean(host?.bmc),
    bmcType: host?.bmc?.type ?? 'ipmi',
    bmcAddress: str(host?.bmc?.address),
    bmcPort: str(host?.bmc?.port),
    bmcUser: str(host?.bmc?.user),
    bmcCipherSuite: str(host?.bmc?.cipherSuite ?? 3),
    bmcJumpHostId: str(host?.bmc?.jumpHostId),
    protected: host?.protected ?? false,
  };
}

/** Form field → message key with values, so the editor can show the reason in the user's language. */
export type FormErrors = Record<string, { key: string; vars?: Record<string, string | number> }>;

type NumberResult = { ok: true; value: number | null } | { ok: false };
function parseNumber(text: string): NumberResult {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const n = Number(t);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
}

const NUMBER_FIELDS = {
  layer: 'layer',
  index: 'index',
  cpus: 'cpus',
  memoryGiB: 'memoryGiB',
  diskGiB: 'diskGiB',
  sshPort: 'ssh.port',
  bmcPort: 'bmc.port',
  bmcCipherSuite: 'bmc.cipherSuite',
  parentId: 'parentId',
  sshJumpHostId: 'ssh.jumpHostId',
  bmcJumpHostId: 'bmc.jumpHostId',
} as const satisfies Partial<Record<keyof HostForm, string>>;

/** The schema's path of a field → the form input that shows its error. */
const INPUT_OF_PATH: Record<string, string> = Object.fromEntries(
  Object.entries(NUMBER_FIELDS).map(([input, path]) => [path, input]),
);
INPUT_OF_PATH['ssh.user'] = 'sshUser';
INPUT_OF_PATH['ssh.identityFile'] = 'sshIdentityFile';
INPUT_OF_PATH['bmc.address'] = 'bmcAddress';
INPUT_OF_PATH['bmc.user'] = 'bmcUser';

function issueMessage(issue: z.core.$ZodIssue): FormErrors[string] {
  if (issue.code === 'too_small') {
    return issue.origin === 'string'
      ? { key: 'inventory.form.required' }
      : { key: 'inventory.form.min', vars: { min: Number(issue.minimum) } };
  }
  if (issue.code === 'too_big') {
    return issue.origin === 'string'
      ? { key: 'inventory.form.tooLong', vars: { max: Number(issue.maximum) } }
      : { key: 'inventory.form.max', vars: { max: Number(issue.maximum) } };
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') return { key: 'inventory.form.integer' };
  return { key: 'inventory.form.invalid', vars: { message: issue.message } };
}

export type FormResult = { ok: true; fields: HostFields } | { ok: false; errors: FormErrors };

/**
 * Turns the form into `HostFields`, checked by the same schema the server applies, so most mistakes are
 * reported beside the field before any request. Fields the editor does not show (the hypervisor) are kept
 * from `base`.
 */
export function fieldsFromForm(form: HostForm, base: Host | null): FormResult {
  const errors: FormErrors = {};
  const numbers: Record<string, number | null> = {};
  for (const [input, path] of Object.entries(NUMBER_FIELDS)) {
    const parsed = parseNumber(form[input as keyof typeof NUMBER_FIELDS]);
    if (parsed.ok) numbers[path] = parsed.value;
    else errors[input] = { key: 'inventory.form.number' };
  }
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  const candidate = {
    name: form.name,
    kind: form.kind,
    layer: numbers.layer ?? 0,
    parentId: numbers.parentId ?? null,
    cluster: text(form.cluster),
    role: text(form.role),
    index: numbers.index ?? null,
    arch: text(form.arch),
    cpus: numbers.cpus ?? null,
    memoryGiB: numbers.memoryGiB ?? null,
    diskGiB: numbers.diskGiB ?? null,
    diskType: text(form.diskType),
    numa: text(form.numa),
    notes: form.notes,
    tags: [
      ...new Set(
        form.tags
          .split(/[,，]/)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ],
    addresses: form.addresses.filter((a) => a.address.trim() !== ''),
    aliases: form.aliases.filter((a) => a.name.trim() !== ''),
    ssh: {
      ...base?.ssh,
      user: text(form.sshUser),
      port: numbers['ssh.port'] ?? null,
      jumpHostId: numbers['ssh.jumpHostId'] ?? null,
      identityFile: text(form.sshIdentityFile),
    },
    bmc: form.bmcEnabled
      ? {
          ...base?.bmc,
          type: form.bmcType,
          address: form.bmcAddress,
          port: numbers['bmc.port'] ?? null,
          user: text(form.bmcUser),
          cipherSuite: numbers['bmc.cipherSuite'] ?? 3,
          jumpHostId: numbers['bmc.jumpHostId'] ?? null,
        }
      : null,
    hypervisor: base?.hypervisor ?? null,
    protected: form.protected,
  };
  const parsed = HostFields.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const input = INPUT_OF_PATH[path] ?? path;
      errors[input] ??= issueMessage(issue);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, fields: parsed.data };
}
