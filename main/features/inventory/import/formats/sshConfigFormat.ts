import { importSshConfig } from '../sshConfig/sshConfigImport';
import { meaningfulLines, type FormatReader } from './formatReader';

/** `~/.ssh/config`, resolved by OpenSSH's own `ssh -G` where it is installed. */
export const sshConfigFormat: FormatReader<'ssh-config'> = {
  format: 'ssh-config',
  extensions: ['conf'],
  baseNames: ['config', 'ssh_config'],
  sniff(text) {
    const lines = meaningfulLines(text);
    const host = lines.some((l) => /^(Host|Match)\s+\S/i.test(l));
    const option = lines.some((l) => /^(HostName|User|Port|ProxyJump|IdentityFile)(\s|=)/i.test(l));
    return host && option ? 0.9 : 0;
  },
  read: (input) => importSshConfig(input),
};
