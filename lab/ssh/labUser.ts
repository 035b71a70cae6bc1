import { execFileSync } from 'node:child_process';

/** The unprivileged account every lab sshd logs in to. Its password is set through chpasswd's stdin, never argv. */
const LAB_USER = 'lvlab';
const LAB_PASSWORD = 'lvlab-Pw-7d1e93c4';

/** Creates the lab user if missing and (re)sets its password. Needs root, as the lab's sshd does. */
export function ensureLabUser(): { user: string; password: string } {
  try {
    execFileSync('id', [LAB_USER], { stdio: 'ignore' });
  } catch {
    try {
      execFileSync('useradd', ['-m', '-s', '/bin/sh', LAB_USER], { stdio: 'ignore' });
    } catch {
      // Another test worker may have created it at the same moment; `id` below is the real check.
    }
    execFileSync('id', [LAB_USER], { stdio: 'ignore' });
  }
  execFileSync('chpasswd', [], { input: `${LAB_USER}:${LAB_PASSWORD}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
  return { user: LAB_USER, password: LAB_PASSWORD };
}
