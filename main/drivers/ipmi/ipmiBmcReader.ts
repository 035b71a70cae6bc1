import type { IpmiTarget } from './ipmiTarget';
import { runIpmitool, type IpmiRunOptions } from './ipmiTool';
import type { BmcReader } from '../bmcReader';
import { parseLanPrint } from './parseLanPrint';
import { parseMcInfo } from './parseMcInfo';
import { parseSelList } from './parseSel';
import { parseSensorList } from './parseSensors';

export class IpmiBmcReader implements BmcReader {
  constructor(
    private readonly target: IpmiTarget,
    private readonly opts: IpmiRunOptions,
  ) {}

  private run(command: string[]) {
    return runIpmitool(this.target, command, this.opts);
  }

  async sensors() {
    return parseSensorList(await this.run(['sensor', 'list']));
  }

  async sel() {
    return parseSelList(await this.run(['sel', 'elist']));
  }

  async clearSel() {
    const held = (await this.sel()).length;
    await this.run(['sel', 'clear']);
    return held;
  }

  /** `mc info` plus the BMC's network settings (`lan print`: MAC, IP source, address, gateway, VLAN). */
  async info() {
    const info = parseMcInfo(await this.run(['mc', 'info']));
    // Some BMCs refuse LAN parameters below admin privilege: the identity still stands, and says what is missing.
    const lan = await this.run(['lan', 'print']).then(parseLanPrint, (e: unknown) => ({
      'LAN Configuration': `not readable: ${(e as Error).message}`,
    }));
    return { ...info, fields: { ...info.fields, ...lan } };
  }
}
