import type { Migration } from './index';

export const decisions: Migration = {
  version: 5,
  name: 'the desk decision of each request, final once taken',
  sql: /* sql */ `
    -- A decided request is final: the decision is a fact of the request, claimed by one
    -- conditional UPDATE (decision IS NULL), not a queue state an agent can move back.
    ALTER TABLE submissions ADD COLUMN decision TEXT
      CHECK (decision IN ('answered', 'referenced', 'declined', 'validated', 'rejected', 'unblocked'));
    ALTER TABLE submissions ADD COLUMN decided_by TEXT;
    ALTER TABLE submissions ADD COLUMN decided_at TEXT;

    -- Requests decided before this version: their decision is in the audit log.
    UPDATE submissions SET (decision, decided_by, decided_at) = (
      SELECT CASE a.action
               WHEN 'desk-answered-cofor' THEN 'answered' WHEN 'desk-answered' THEN 'answered'
               WHEN 'desk-referenced' THEN 'referenced' WHEN 'desk-decline-file' THEN 'declined'
               WHEN 'desk-validated-access' THEN 'validated' WHEN 'desk-reject-access' THEN 'rejected'
               WHEN 'desk-unblocked' THEN 'unblocked' END,
             a.actor, a.at
      FROM audit_log a
      WHERE json_extract(a.details, '$.reference') = submissions.reference
        AND a.action IN ('desk-answered-cofor', 'desk-answered', 'desk-referenced', 'desk-decline-file',
                         'desk-validated-access', 'desk-reject-access', 'desk-unblocked')
      ORDER BY a.id LIMIT 1)
    WHERE EXISTS (
      SELECT 1 FROM audit_log a
      WHERE json_extract(a.details, '$.reference') = submissions.reference
        AND a.action IN ('desk-answered-cofor', 'desk-answered', 'desk-referenced', 'desk-decline-file',
                         'desk-validated-access', 'desk-reject-access', 'desk-unblocked'));
  `,
};
