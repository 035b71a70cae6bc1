import type { BmcShape } from './bmcShapes';
import type { PowerBackend } from './powerBackend';

export type RedfishPowerState = 'On' | 'Off' | 'PoweringOn' | 'PoweringOff';

export interface LogEntry {
  Id: string;
  Created: string;
  Severity: 'OK' | 'Warning' | 'Critical';
  Message: string;
  SensorType?: string;
  EntryCode?: 'Assert' | 'Deassert';
}

export interface Temperature {
  name: string;
  reading: number;
  upperNonCritical: number | null;
  upperCritical: number;
  upperFatal: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The machine behind the fake BMC: power with real transitions (PoweringOn/PoweringOff last `transitionMs`),
 * the boot override, the indicator LED, sensors and the logs. Actions run one after another, as a BMC queues them.
 */
export class BmcMachine {
  transition: RedfishPowerState | null = null;
  bootTarget = 'None';
  bootEnabled: 'Disabled' | 'Once' | 'Continuous' = 'Disabled';
  bootMode: 'UEFI' | 'Legacy' = 'UEFI';
  indicatorLed: 'Lit' | 'Blinking' | 'Off' = 'Off';
  /** false: the chassis publishes no sensors at all (neither model), as some blade chassis do. */
  sensorsPublished = true;
  readonly temperatures: Temperature[] = [
    { name: '01-Inlet Ambient', reading: 22, upperNonCritical: null, upperCritical: 42, upperFatal: 46 },
    { name: '02-CPU 1', reading: 40, upperNonCritical: null, upperCritical: 70, upperFatal: null },
    { name: '03-P1 DIMM 1-6', reading: 33, upperNonCritical: 80, upperCritical: 87, upperFatal: 90 },
  ];
  readonly logs = new Map<string, LogEntry[]>();
  /** Every ResetType accepted, in order, so tests can see what a client actually asked for. */
  readonly resetHistory: string[] = [];
  private queue: Promise<void> = Promise.resolve();
  private nextLogId = 1;

  constructor(
    readonly shape: BmcShape,
    readonly backend: PowerBackend,
    readonly transitionMs: number,
  ) {
    if (shape.systemLogId) this.logs.set(shape.systemLogId, []);
    this.logs.set(shape.managerLogId, []);
    for (const other of shape.otherSystemLogs)
      this.logs.set(other.id, [
        { Id: '1', Created: '2026-01-01T00:00:00Z', Severity: 'OK', Message: `${other.name}: entry that is no event` },
      ]);
    this.log('OK', 'Server power restored.');
    this.log('Warning', 'POST Error: 1785-Drive Array not Configured', { SensorType: 'Drive Slot' });
    this.log('Critical', 'Upper Critical - going high: 01-Inlet Ambient', {
      SensorType: 'Temperature',
      EntryCode: 'Assert',
    });
  }

  async powerState(): Promise<RedfishPowerState> {
    return this.transition ?? ((await this.backend.isOn()) ? 'On' : 'Off');
  }

  /** Accepts a ResetType and runs it in the background; resolves once it is queued, as a BMC answers at once. */
  reset(resetType: string): void {
    this.resetHistory.push(resetType);
    this.queue = this.queue.then(() => this.run(resetType)).catch(() => undefined);
  }

  /** Waits until every queued action has finished (for a clean shutdown of the service). */
  idle(): Promise<void> {
    return this.queue;
  }

  log(severity: LogEntry['Severity'], message: string, extra: Partial<LogEntry> = {}): void {
    const logId = this.shape.systemLogId ?? this.shape.managerLogId;
    const entry: LogEntry = {
      Id: String(this.nextLogId++),
      Created: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      Severity: severity,
      Message: message,
      ...extra,
    };
    this.logs.get(logId)!.push(entry);
  }

  private async run(resetType: string): Promise<void> {
    const on = await this.backend.isOn();
    switch (resetType) {
      case 'On':
        if (!on) await this.powerOn();
        break;
      case 'ForceOff':
        if (on) await this.through('PoweringOff', () => this.backend.setPower(false));
        break;
      case 'GracefulShutdown':
        if (on) await this.through('PoweringOff', () => this.backend.pressPowerButton());
        break;
      case 'PushPowerButton':
        await this.through(on ? 'PoweringOff' : 'PoweringOn', () => this.backend.pressPowerButton());
        break;
      case 'ForceRestart':
      case 'GracefulRestart':
        if (on) await this.backend.reset();
        this.log('OK', 'Server reset.');
        break;
      case 'PowerCycle':
        if (on) await this.through('PoweringOff', () => this.backend.setPower(false));
        await this.powerOn();
        break;
      case 'Nmi':
        this.log('Critical', 'An Unrecoverable System Error (NMI) has occurred.');
        break;
    }
  }

  private async powerOn(): Promise<void> {
    await this.through('PoweringOn', () => this.backend.setPower(true));
    this.log('OK', 'Server power on.');
  }

  private async through(state: RedfishPowerState, act: () => Promise<void>): Promise<void> {
    this.transition = state;
    try {
      await sleep(this.transitionMs);
      await act();
    } finally {
      this.transition = null;
    }
  }
}
