import type { ColumnTarget, ImportFormat } from '../../../../common/contract/inventory';
import { groupsToFile } from './ansibleGroups';
import { readAnsibleIni } from './ansibleIni';
import { readAnsibleYaml } from './ansibleYaml';
import type { ParsedFile } from './importDraft';
import { readLabvisorJson } from './jsonImport';
import { readSshConfig } from './sshConfigImport';
import { readTable } from './tableImport';
import { stripBom } from './tableText';

type Concrete = Exclude<ImportFormat, 'auto'>;

const BY_EXTENSION: Record<string, Concrete> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  md: 'markdown',
  markdown: 'markdown',
  json: 'json',
  yml: 'ansible',
  yaml: 'ansible',
  ini: 'ansible',
  conf: 'ssh-config',
};

/** The file name decides when it is telling (`.csv`, `ssh_config`, `hosts.yml`); otherwise the content. */
function detectFormat(text: string, fileName?: string): Concrete {
  const base = (fileName ?? '').split(/[\\/]/).pop()!.toLowerCase();
  const ext = base.includes('.') ? base.split('.').pop()! : '';
  if (BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  if (base === 'config' || base === 'ssh_config') return 'ssh-config';
  if (base === 'hosts' || base === 'inventory') return 'ansible';
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#'));
  const first = lines[0]?.trim() ?? '';
  if (first.startsWith('{') || first.startsWith('[{') || first === '[') return 'json';
  if (first.startsWith('|')) return 'markdown';
  if (lines.some((l) => /^\s*Host\s+\S/i.test(l)) && lines.some((l) => /^\s*(HostName|User|Port|ProxyJump)\s/i.test(l)))
    return 'ssh-config';
  if (/^\[[^\],]+\]$/.test(first) || first === '---' || /^[\w.-]+:\s*$/.test(first)) return 'ansible';
  if (first.includes('\t')) return 'tsv';
  return 'csv';
}

function looksLikeYaml(text: string): boolean {
  const first =
    text
      .split(/\r?\n/)
      .find((l) => l.trim() && !l.trim().startsWith('#'))
      ?.trim() ?? '';
  return first === '---' || /^[\w.-]+:(\s|$)/.test(first);
}

export function readImportFile(
  raw: string,
  format: ImportFormat,
  fileName?: string,
  mapping?: Record<string, ColumnTarget>,
): ParsedFile {
  const text = stripBom(raw);
  const concrete = format === 'auto' ? detectFormat(text, fileName) : format;
  if (text.trim() === '') {
    return {
      format: concrete,
      headers: [],
      mapping: {},
      unmappedHeaders: [],
      drafts: [],
      errors: ['the file is empty'],
      foldAliases: false,
    };
  }
  switch (concrete) {
    case 'csv':
    case 'tsv':
    case 'markdown':
      return readTable(text, concrete, mapping);
    case 'ssh-config':
      return readSshConfig(text);
    case 'ansible':
      return groupsToFile(looksLikeYaml(text) ? readAnsibleYaml(text) : readAnsibleIni(text));
    case 'json':
      return readLabvisorJson(text);
  }
}
