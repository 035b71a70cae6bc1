import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostFields } from '../../../../common/domain/host';
import { createServices } from '../../../app/services';
import { runCliCaptured } from '../../../testing/runCliCaptured';

describe('host text printed by the CLI', () => {
  it('cannot send control sequences to the terminal (title, clear screen, OSC 52 clipboard)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labvisor-cli-esc-'));
    const s = createServices({ dataDir: dir });
    s.inventory.add(HostFields.parse({ name: 'legacy' }), 'cli');
    // As a database written before the grammar existed could hold it.
    s.db
      .prepare("UPDATE hosts SET name = ?, notes = ? WHERE name = 'legacy'")
      .run('pwn\u001b]0;owned\u0007\u001b[2J', 'x\u001b]52;c;cm0gLXJmIH4=\u0007');
    await s.close();
    const run = await runCliCaptured(dir, ['hosts', 'list']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('pwn\\x1b]0;owned\\x07');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(run.out + run.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
