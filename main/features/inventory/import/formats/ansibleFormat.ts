import { meaningfulLines, type FormatReader } from './formatReader';

/** Ansible inventories (INI or YAML), resolved by `ansible-inventory --list` where it is installed. */
export const ansibleFormat: FormatReader<'ansible'> = {
  format: 'ansible',
  extensions: ['yml', 'yaml', 'ini'],
  baseNames: ['hosts', 'inventory'],
  sniff(text) {
    const first = meaningfulLines(text, 1)[0] ?? '';
    return /^\[[^\],]+\]$/.test(first) || first === '---' || /^[\w.-]+:\s*$/.test(first) ? 0.8 : 0;
  },
  // Loaded when an inventory is read: the YAML parser would otherwise slow every CLI command's start.
  read: async (input) => (await import('../ansible/ansibleImport')).importAnsible(input),
};
