import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import type { ReadInput } from '../formats/formatReader';
import type { ParsedFile } from '../importDraft';
import { inventoryToList, type AnsibleInventory } from './ansibleGroups';
import { readAnsibleIni } from './ansibleIni';
import { listToFile, parseListJson, type AnsibleList } from './ansibleList';
import { readAnsibleYaml } from './ansibleYaml';

function looksLikeYaml(text: string): boolean {
  const first =
    text
      .split(/\r?\n/)
      .find((l) => l.trim() && !l.trim().startsWith('#'))
      ?.trim() ?? '';
  return first === '---' || /^[\w.-]+:(\s|$)/.test(first);
}

/** Only `group_vars/...` and `host_vars/...` files, by a relative path that stays inside the folder. */
const safeCompanion = (p: string) => {
  const n = normalize(p).replaceAll('\\', '/');
  return /^(group_vars|host_vars)\/[^/]/.test(n) && !n.split('/').includes('..');
};

/**
 * Runs `ansible-inventory --list` over the file and its `group_vars/`/`host_vars/` in a private folder, with
 * only the INI and YAML inventory plugins enabled (no scripts, no cloud plugins) and no ansible.cfg but ours.
 */
async function listWithAnsible(input: ReadInput, yaml: boolean): Promise<AnsibleList | { error: string } | null> {
  const dir = await mkdtemp(join(tmpdir(), 'labvisor-ansible-'));
  try {
    const inventory = join(dir, yaml ? 'inventory.yml' : 'inventory.ini');
    await writeFile(inventory, input.text, { mode: 0o600 });
    for (const [path, text] of Object.entries(input.companions).filter(([p]) => safeCompanion(p))) {
      const target = join(dir, normalize(path));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text, { mode: 0o600 });
    }
    await writeFile(join(dir, 'ansible.cfg'), '[defaults]\n', { mode: 0o600 });
    const r = await input.tools.ansibleInventory!('ansible-inventory', ['-i', inventory, '--list'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        ANSIBLE_CONFIG: join(dir, 'ansible.cfg'),
        ANSIBLE_INVENTORY_ENABLED: yaml ? 'yaml' : 'ini',
        ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true',
        ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'),
        ANSIBLE_HOME: join(dir, '.ansible'),
        ANSIBLE_NOCOLOR: '1',
      },
    });
    if (r === null) return null;
    if (r.exitCode !== 0)
      return { error: `ansible-inventory: ${r.stderr.trim().split('\n').filter(Boolean).at(-1) ?? 'failed'}` };
    return parseListJson(r.stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Labvisor's own reader, agreeing with `ansible-inventory --list` on what it handles. */
export function listWithReader(
  text: string,
  companions: Record<string, string>,
): { list: AnsibleList; errors: string[] } {
  const inv: AnsibleInventory = looksLikeYaml(text) ? readAnsibleYaml(text) : readAnsibleIni(text);
  const list = inventoryToList(inv, companions);
  return { list, errors: inv.errors };
}

/** Imports an Ansible inventory exactly as `ansible-inventory --list` reads it, where Ansible is installed. */
export async function importAnsible(input: ReadInput): Promise<ParsedFile> {
  const yaml = looksLikeYaml(input.text);
  if (input.tools.ansibleInventory) {
    const listed = await listWithAnsible(input, yaml);
    if (listed && 'error' in listed) {
      // Ansible's message names no line; the reader's usually does.
      const { errors } = listWithReader(input.text, input.companions);
      const empty = listToFile({ hostvars: new Map(), groups: new Map() }, input.text, 'ansible-inventory');
      return { ...empty, errors: errors.length ? errors : [listed.error] };
    }
    if (listed) return listToFile(listed, input.text, 'ansible-inventory');
  }
  const { list, errors } = listWithReader(input.text, input.companions);
  const file = listToFile(list, input.text, 'labvisor');
  return errors.length ? { ...file, errors, drafts: [] } : file;
}
