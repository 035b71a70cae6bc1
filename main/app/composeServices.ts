import type { Feature } from '../../common/contract';
import { createCoreServices, type CoreServices } from './coreServices';
import { createDispatcher, type Dispatch, type FeatureHandlers } from './dispatcher';
import { coreHandlers, type CoreFeature } from './handlers';
import type { createMachines, Machines, MachineServices } from './machineServices';
import type { ServiceOptions } from './serviceOptions';

/** The composition root's product: each door (IPC, WebSocket, CLI) gets the same services. */
export interface AppServices extends CoreServices, MachineServices {
  readonly dispatch: Dispatch;
  /**
   * Loads and builds the machine features (SSH, power, BMC, VMs, consoles, metrics) unless done already. From
   * `createServices` they are built at once; from `openServices` on the first command that needs one, or this
   * call, and reading one of their properties before then throws.
   */
  loadMachines(): Promise<MachineServices>;
  /** Features register their teardown (open connections, child processes); run in reverse order. */
  onClose(close: () => Promise<void> | void): void;
  close(): Promise<void>;
}

/** Where the machine features come from: built with the core services, or loaded when first needed. */
type MachineSource = { now: typeof createMachines } | { later(): Promise<typeof createMachines> };

/** Features whose handlers need only the core services; every other feature's are in the machine features. */
const CORE_FEATURES: Record<CoreFeature, true> = { app: true, audit: true, inventory: true };

function isCoreFeature(feature: Feature): feature is CoreFeature {
  return Object.hasOwn(CORE_FEATURES, feature);
}

/**
 * Builds in one direction: the core services (data, log, vault, audit, inventory), the machine features over them
 * (now or on first use), each feature's handlers on its first command, and the one dispatcher every door calls.
 */
export function composeServices(opts: ServiceOptions, source: MachineSource): AppServices {
  const core = createCoreServices(opts);
  let machines: Machines | null = 'now' in source ? source.now(core, opts) : null;
  let loading: Promise<Machines> | null = null;
  const loadMachines = async (): Promise<Machines> => {
    if (machines) return machines;
    if ('later' in source) loading ??= source.later().then((create) => (machines ??= create(core, opts)));
    return loading ?? Promise.reject(new Error('no machine features to load'));
  };
  const built = (): MachineServices => {
    if (!machines) throw new Error('the machine features are not loaded yet: await services.loadMachines() first');
    return machines.services;
  };
  let ofCore: Pick<FeatureHandlers, CoreFeature> | null = null;
  const handlers = async (feature: Feature): Promise<FeatureHandlers[Feature]> =>
    isCoreFeature(feature) ? (ofCore ??= coreHandlers(core))[feature] : (await loadMachines()).handlers[feature];
  const dispatch = createDispatcher({ handlers, audit: core.audit, log: core.log, readOnly: core.options.readOnly });
  const closers: (() => Promise<void> | void)[] = [];
  let closing: Promise<void> | null = null;
  return {
    ...core,
    get ssh() {
      return built().ssh;
    },
    get power() {
      return built().power;
    },
    get bmc() {
      return built().bmc;
    },
    get bmcPoller() {
      return built().bmcPoller;
    },
    get certificates() {
      return built().certificates;
    },
    get virt() {
      return built().virt;
    },
    get console() {
      return built().console;
    },
    get metrics() {
      return built().metrics;
    },
    dispatch,
    loadMachines: async () => (await loadMachines()).services,
    onClose: (close) => void closers.push(close),
    close() {
      // Once: a second call (a signal during shutdown, a test's cleanup) waits for the first, in the same order.
      closing ??= (async () => {
        await dispatch.drain(10_000);
        for (const close of [...closers].reverse()) await close();
        // A load still running finishes first, so what it builds is closed too.
        await loading?.catch(() => undefined);
        if (machines) await machines.close();
        else core.streams.closeAll();
        core.db.close();
      })();
      return closing;
    },
  };
}
