/** Out-of-band controller names: `dl360-ilo`, `node3-bmc`, `r740-idrac9`. */
const OOB_NAME = /[-_.](?:ilo|bmc|ipmi|idrac|oob|imm|xcc|irmc)\d*$/i;
// Notes only mark a row as the controller itself when they say "out-of-band": a server noted "iLO 4" or "has a
// BMC" is still the server.
export const OOB_NOTE = /带外|out[- ]of[- ]band|\boob\b/i;
/** Notes saying a row is USED TO REACH the out-of-band network ("Jetson Nano 访问…带外管理"): a host, not a BMC. */
const REACHES = /访问|连接|跳板|\b(?:access(?:es)?|reach(?:es)?|jump|gateway|via)\b/i;

export function reachesOutOfBand(notes: string | null | undefined): boolean {
  return OOB_NOTE.test(notes ?? '') && REACHES.test(notes ?? '');
}

/** Out-of-band controllers (`dl360-ilo`, "HP DL360 Gen9带外管理") are devices, not servers. */
export function isOutOfBand(name: string, notes: string | null | undefined): boolean {
  if (reachesOutOfBand(notes)) return false;
  return OOB_NAME.test(name) || OOB_NOTE.test(notes ?? '');
}
