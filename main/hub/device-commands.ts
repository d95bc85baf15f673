// The words of `npm run hub -- deactivate-agent NAME | revoke-device ID | list-devices`: what the
// command line runs and prints (tests call this too, so they run what the operator runs).
import type { Pool } from 'pg';
import { deactivateAgent, formatDevices, listDevices, revokeDevice } from './device-admin';

const COMMANDS = ['deactivate-agent', 'revoke-device', 'list-devices'] as const;
export type DeviceCommand = (typeof COMMANDS)[number];
export const isDeviceCommand = (command: string): command is DeviceCommand =>
  (COMMANDS as readonly string[]).includes(command);

/** Exit code 0 when the hub is now as asked (done now, or done before), 1 when the agent or the
 * device is unknown. */
export async function deviceCommand(
  pool: Pool,
  command: DeviceCommand,
  target: string | null,
): Promise<{ out: string; exitCode: number }> {
  if (command === 'list-devices') return { out: formatDevices(await listDevices(pool)), exitCode: 0 };
  if (command === 'deactivate-agent') {
    const done = await deactivateAgent(pool, target!);
    if (done.outcome === 'unknown-agent')
      return { out: `No desk agent ${target} on this hub: list-devices shows who enrolled what.`, exitCode: 1 };
    const revoked = done.devicesRevoked.length > 0 ? done.devicesRevoked.join(', ') : 'none';
    return {
      out:
        `${done.outcome === 'deactivated' ? `Desk agent ${target} deactivated` : `Desk agent ${target} was deactivated already`}: ` +
        `they cannot log in; ${done.linksEnded} link(s) to desk workstations ended (their desk mutations from there are refused); ` +
        `desk workstations they enrolled, now revoked: ${revoked}.`,
      exitCode: 0,
    };
  }
  const done = await revokeDevice(pool, target!);
  if (done.outcome === 'unknown-device')
    return { out: `No device ${target} on this hub: list-devices shows their ids.`, exitCode: 1 };
  return {
    out:
      `${done.outcome === 'revoked' ? `Device ${target} revoked` : `Device ${target} was revoked already`}: ` +
      `every call from it gets 401 device-revoked, and its workstation says so (what waits there is kept; ` +
      `an agent's login in Settings › Portal hub enrols it again as a new device). ${done.linksEnded} agent link(s) ended.`,
    exitCode: 0,
  };
}
