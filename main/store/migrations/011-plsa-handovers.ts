import type { Migration } from './index';

export const plsaHandovers: Migration = {
  version: 11,
  name: "a leaving PLSA's hand-over to a colleague, held until the colleague answers",
  sql: /* sql */ `
    -- The company keeps its PLSA until the colleague accepts: then, in one transaction, the
    -- colleague becomes PLSA and the leaver's account is deactivated. One pending hand-over per
    -- leaving PLSA; of two answers (or an answer and a withdrawal) at once, one holds.
    CREATE TABLE plsa_handovers (
      id INTEGER PRIMARY KEY,
      company_id INTEGER NOT NULL REFERENCES companies (id),
      from_account INTEGER NOT NULL REFERENCES accounts (id),
      to_account INTEGER NOT NULL REFERENCES accounts (id),
      created_at TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined', 'withdrawn')),
      answered_at TEXT
    ) STRICT;
    CREATE UNIQUE INDEX plsa_handovers_pending ON plsa_handovers (from_account) WHERE state = 'pending';
    CREATE INDEX plsa_handovers_to ON plsa_handovers (to_account, state);
  `,
};
