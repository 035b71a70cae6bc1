import type { SHAPES } from '../../lab/redfish/bmcShapes';
import { redfishLab } from './redfishTestLab';

export interface RedfishHealthCost {
  shape: keyof typeof SHAPES;
  checks: number;
  /** Logins (sessions created at the BMC) over every check. */
  logins: number;
  /** Requests of the first check (login and discovery included) and the most any later check made. */
  firstCheckRequests: number;
  requestsPerCheck: number;
  /** Sessions still open at the BMC after the app shut down (logged out: 0). */
  sessionsLeftOpen: number;
  levels: string[];
}

/**
 * What a health watch costs one Redfish BMC: `checks` health checks (the poller's `bmc.hostHealth`, power state
 * and sensor levels) against the project's Redfish test service, counted by the service itself, then the app's
 * shutdown. 120 checks are an hour of watching at the UI's 30 s interval, run back to back: the session is
 * renewed only when idle for the BMC's SessionTimeout (1800 s), which 30 s between checks never reaches.
 */
export async function measureRedfishHealthCost(shape: keyof typeof SHAPES, checks = 120): Promise<RedfishHealthCost> {
  const lab = await redfishLab({ shape });
  let closed = false;
  try {
    const host = lab.services.inventory.get(lab.host.id);
    const levels: string[] = [];
    const perCheck: number[] = [];
    for (let i = 0; i < checks; i++) {
      const before = lab.bmc.requestLog.length;
      const health = await lab.services.bmc.hostHealth(host);
      if (health.error) throw new Error(`${shape}: health check ${i + 1} failed: ${health.error.message}`);
      levels.push(health.level);
      perCheck.push(lab.bmc.requestLog.length - before);
    }
    const logins = lab.bmc.stats.sessionsCreated;
    await lab.services.cleanup();
    closed = true;
    return {
      shape,
      checks,
      logins,
      firstCheckRequests: perCheck[0] ?? 0,
      requestsPerCheck: Math.max(0, ...perCheck.slice(1)),
      sessionsLeftOpen: lab.bmc.stats.liveSessions,
      levels,
    };
  } finally {
    if (!closed) await lab.services.cleanup();
    await lab.bmc.close();
  }
}
