import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseNumaCells } from './capabilities';
import { XmlError } from './xml';

describe('NUMA cells from virsh capabilities + freecell', () => {
  it("reads libvirt's own test:///default topology (2 cells), as virsh prints it", () => {
    const caps = execFileSync('virsh', ['-c', 'test:///default', 'capabilities'], { encoding: 'utf8' });
    const free = execFileSync('virsh', ['-c', 'test:///default', 'freecell', '--all'], { encoding: 'utf8' });
    const cells = parseNumaCells(caps, free);
    const cpuCount = (caps.match(/<cpu id=/g) ?? []).length;
    expect(cells.map((c) => c.id)).toEqual([0, 1]);
    expect(cells.flatMap((c) => c.cpus)).toHaveLength(cpuCount);
    expect(cells.every((c) => c.memoryMiB > 0 && c.freeMiB !== null)).toBe(true);
  });

  it('drops cells it cannot read instead of guessing, and refuses a document that is not capabilities', () => {
    const caps = `<capabilities><host><topology><cells num='3'>
      <cell id='0'><memory unit='GiB'>2</memory><cpus num='2'><cpu id='1'/><cpu id='0'/></cpus></cell>
      <cell id='$(id)'><memory unit='KiB'>1</memory><cpus num='1'><cpu id='2'/></cpus></cell>
      <cell id='2'><memory unit='KiB'>1024</memory><cpus num='1'><cpu id='x;y'/></cpus></cell>
    </cells></topology></host></capabilities>`;
    expect(parseNumaCells(caps, '    0:    1048576 KiB\n    9: junk KiB\n')).toEqual([
      { id: 0, cpus: [0, 1], memoryMiB: 2048, freeMiB: 1024 },
    ]);
    expect(() => parseNumaCells('<domain/>', '')).toThrow(XmlError);
  });
});
