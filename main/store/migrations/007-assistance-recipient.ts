import type { Migration } from './index';

export const assistanceRecipient: Migration = {
  version: 7,
  name: 'messages for the assistance take its address when they leave',
  sql: /* sql */ `
    -- Waiting messages for the assistance were addressed to a placeholder when no relay was set
    -- up (or to the address of the time): they now go to the address Settings holds when they leave.
    UPDATE outbox SET to_address = 'assistance'
    WHERE state IN ('queued', 'sending') AND kind IN ('help', 'company-file', 'cofor-help', 'access-request', 'blocked-access')
      AND to_address = 'assistance@b2b-portal.example';
  `,
};
