import type { Migration } from './index';

export const draftOwners: Migration = {
  version: 6,
  name: 'drafts belong to the person who typed them',
  rebuildsTables: true,
  sql: /* sql */ `
    -- A draft was one per form for the whole workstation, so the next person found the last
    -- one's question, name and e-mail in the form. Now each belongs to its owner: a login, or an
    -- anonymous visit (one window or tab, from its opening until it closes or someone logs in or
    -- out). The old shared drafts have no owner to give back to: they are not carried over.
    DROP TABLE drafts;
    CREATE TABLE drafts (
      owner TEXT NOT NULL CHECK (length(owner) BETWEEN 3 AND 80),
      form TEXT NOT NULL,
      data TEXT NOT NULL CHECK (json_valid(data)),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (owner, form)
    ) STRICT;
  `,
};
