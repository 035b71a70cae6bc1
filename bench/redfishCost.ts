import { measureRedfishHealthCost } from '../main/testing/redfishHealthCost';
import { atMost } from './goals';

const SHAPES = ['ilo4', 'ilo5', 'dmtf', 'modern'] as const;
/** An hour of watching at the UI's 30 s health interval. */
const CHECKS = 120;

/**
 * What the BMC health watch costs each shape of the Redfish test service (iLO 4, iLO 5, DMTF, modern sensor model):
 * logins over an hour of checks (120, run back to back: the session is renewed only when idle for the BMC's
 * SessionTimeout, which 30 s between checks never reaches) and requests per check after the first, counted by the
 * service. The first check also pays the login and the discovery; it is reported beside the figure.
 */
export async function run() {
  const shapes = [];
  for (const shape of SHAPES) shapes.push(await measureRedfishHealthCost(shape, CHECKS));
  return {
    checks: CHECKS,
    shapes,
    goals: shapes.flatMap((c) => [
      atMost(`Redfish logins per hour of watching (${c.shape})`, c.logins, 1, 'count', {
        labvisor: `${c.logins} in ${c.checks} checks, ${c.sessionsLeftOpen} left open at exit`,
      }),
      atMost(`Redfish requests per health check (${c.shape})`, c.requestsPerCheck, 4, 'count', {
        labvisor: `${c.requestsPerCheck} (first check ${c.firstCheckRequests}: login + discovery)`,
      }),
    ]),
  };
}
