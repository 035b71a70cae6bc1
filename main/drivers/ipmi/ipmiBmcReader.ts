import type { IpmiTarget } from './ipmiTarget';
import { runIpmitool, type IpmiRunOptions } from './ipmiTool';
import type { BmcReader } from '../bmcReader';
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

  async info() {
    return parseMcInfo(await this.run(['mc', 'info']));
  }
}
