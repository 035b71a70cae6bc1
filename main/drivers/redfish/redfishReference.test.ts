import { execa } from 'execa';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../lab/labPaths';
import { redfishLab } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;

/*
 * The judge: OpenStack's sushy (Debian python3-sushy, installed by scripts/install-lab-deps.sh) reads the same
 * Redfish test service as Labvisor, and what both read must agree. sushy 4.3 reads only the legacy Thermal
 * resource, so on the modern shape the judge is its ETag-guarded boot PATCH instead. Missing sushy fails the test.
 */
const PYTHON = '/usr/bin/python3';
const SCRIPT = join(REPO_ROOT, 'lab/redfish/sushyReference.py');

interface SushyView {
  power: string;
  boot: { target: string; enabled: string; mode: string | null };
  firmware: string;
  managerModel: string;
  temperatures: Record<string, number> | null;
  fans: Record<string, number> | null;
}

// Asynchronous: the test service answers from this very process.
async function sushy(lab: Lab, ...args: string[]): Promise<SushyView> {
  const { stdout } = await execa(PYTHON, [SCRIPT, lab.bmc.url, 'admin', ...args], { input: 'secret\n' });
  return JSON.parse(stdout) as SushyView;
}

describe.each(['ilo5', 'dmtf', 'modern'] as const)('Labvisor and sushy read the %s test service alike', (shape) => {
  let lab: Lab;
  afterEach(() => lab?.cleanup());

  it('power state, firmware and temperatures', async () => {
    lab = await redfishLab({ shape });
    const judge = await sushy(lab, 'read');
    const [status] = await lab.services.power.status({ targets: [lab.host.id], concurrency: 1 });
    expect(status?.state).toBe(judge.power.toLowerCase());
    const info = await lab.services.bmc.info(lab.host.id);
    expect(info.firmwareRevision).toBe(judge.firmware);
    expect(info.fields.Model).toBe(judge.managerModel);
    const { sensors } = await lab.services.bmc.sensors(lab.host.id);
    const temperatures = Object.fromEntries(
      sensors.filter((s) => s.kind === 'temperature').map((s) => [s.name, s.reading]),
    );
    if (judge.temperatures) expect(temperatures).toEqual(judge.temperatures);
    else expect(Object.keys(temperatures)).toHaveLength(3);
    if (judge.fans)
      expect(sensors.filter((s) => s.kind === 'fan').map((s) => s.reading)).toEqual(Object.values(judge.fans));
  });

  it('a boot override set by either is read back by the other', async () => {
    lab = await redfishLab({ shape });
    await lab.services.power.bootDevice(
      { targets: [lab.host.id], device: 'pxe', persistent: true, concurrency: 1 },
      'cli',
    );
    expect((await sushy(lab, 'read')).boot).toMatchObject({ target: 'Pxe', enabled: 'Continuous', mode: 'UEFI' });
    // sushy PATCHes with If-Match too: the modern shape's ETag enforcement accepts a conforming client.
    expect((await sushy(lab, 'setboot', 'Hdd', 'Once')).boot).toMatchObject({ target: 'Hdd', enabled: 'Once' });
    expect([lab.bmc.machine.bootTarget, lab.bmc.machine.bootEnabled]).toEqual(['Hdd', 'Once']);
    expect(lab.bmc.patches.every((p) => p.ifMatch !== null)).toBe(true);
  });
});
