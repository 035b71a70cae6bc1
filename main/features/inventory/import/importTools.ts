/** Runs a reference tool with arguments as an array (never a shell); stdout, or null when it is not installed. */
export type ToolRunner = (
  file: string,
  args: string[],
  options?: { cwd?: string; env?: Record<string, string> },
) => Promise<{ stdout: string; stderr: string; exitCode: number } | null>;

/**
 * The reference tools an import defers to when they are installed: OpenSSH's `ssh -G` for ssh_config and
 * `ansible-inventory --list` for Ansible. Each is `null` when absent (or turned off), and Labvisor's own
 * reader answers instead.
 */
export interface ImportTools {
  ssh: ToolRunner | null;
  ansibleInventory: ToolRunner | null;
}

const run: ToolRunner = async (file, args, options = {}) => {
  try {
    // execa loads with the first import that runs a tool, not with every CLI command.
    const { execa } = await import('execa');
    const r = await execa(file, args, {
      reject: false,
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
      stdin: 'ignore',
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    if ((r as { code?: string }).code === 'ENOENT') return null;
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1 };
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
};

/** Both tools as installed on this machine (`LABVISOR_IMPORT_TOOLS=none` forces Labvisor's own readers). */
export function systemImportTools(): ImportTools {
  if (process.env.LABVISOR_IMPORT_TOOLS === 'none') return { ssh: null, ansibleInventory: null };
  return { ssh: run, ansibleInventory: run };
}

export const NO_IMPORT_TOOLS: ImportTools = { ssh: null, ansibleInventory: null };
