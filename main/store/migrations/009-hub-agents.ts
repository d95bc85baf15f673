import type { Migration } from './index';

export const hubAgents: Migration = {
  version: 9,
  name: 'desk agents checked by the hub, who may log in offline for a while',
  sql: /* sql */ `
    -- On a desk workstation linked to a hub, the hub holds agents' passwords. When it accepts an
    -- agent's login, the workstation keeps its own hash of that password and the moment: for 12
    -- hours after it, the agent may log in here while the hub cannot be reached. NULL: an agent
    -- of this workstation only, or one the hub has not (or no longer) vouched for.
    ALTER TABLE desk_agents ADD COLUMN hub_checked_at TEXT;
  `,
};
