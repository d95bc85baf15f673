// What a standalone workstation held of the directory (the demo's, or a file a desk imported):
// once it is linked to a hub, the hub holds the directory and the password hashes, so none of
// it may stay here. Its people, accounts (with their hashes, sessions, temporary passwords and
// remembered devices), PLSA hand-overs and access reviews go, the demo's own requests too, and
// its companies, except those a request or an audit line of this workstation names (they keep
// no person). The hub's pull, from cursor 0, brings back what this workstation may see: the
// analysis projection for everyone, every company's record without any password for a desk.
// The desk's own agents stay (they are not the directory; see README, "The hub").
import type { Db } from './database';
import type { SettingsRepository } from './settings';

/** The references of the demo's own requests (services/demo.ts), forgotten with the demo. */
export const DEMO_REQUESTS_KEY = 'demo-requests';

/** Deletes, with what hangs on them, the requests `demo` selects (ids and references). */
const DEMO_REQUEST_ROWS = [
  'DELETE FROM outbox_attachments WHERE outbox_id IN (SELECT id FROM outbox WHERE submission_id IN (SELECT id FROM demo))',
  'DELETE FROM outbox WHERE submission_id IN (SELECT id FROM demo)',
  'DELETE FROM request_events WHERE submission_id IN (SELECT id FROM demo)',
  'DELETE FROM request_reminders WHERE submission_id IN (SELECT id FROM demo)',
  'DELETE FROM terms_acceptances WHERE submission_id IN (SELECT id FROM demo)',
  'DELETE FROM documents WHERE submission_id IN (SELECT id FROM demo)',
  `DELETE FROM mutations WHERE entity = 'submission' AND entity_id IN (SELECT reference FROM demo)`,
  'DELETE FROM submissions WHERE id IN (SELECT id FROM demo)',
];

export function forgetStandaloneDirectory(db: Db, settings: SettingsRepository): void {
  // What is deleted is overwritten on disk, not left in free pages of the file.
  db.pragma('secure_delete = ON');
  const demo = JSON.stringify(JSON.parse(settings.get(DEMO_REQUESTS_KEY) ?? '[]'));
  for (const sql of DEMO_REQUEST_ROWS)
    db.prepare(
      `WITH demo (id, reference) AS (SELECT id, reference FROM submissions
         WHERE reference IN (SELECT value FROM json_each(?))) ${sql}`,
    ).run(demo);
  settings.set(DEMO_REQUESTS_KEY, '[]');
  db.exec(`
    DELETE FROM access_review_answers;
    DELETE FROM access_reviews;
    DELETE FROM plsa_handovers;
    DELETE FROM accounts;
    DELETE FROM people;
    DELETE FROM login_attempts;
    DELETE FROM companies
     WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.company_id = companies.id)
       AND NOT EXISTS (SELECT 1 FROM terms_acceptances t WHERE t.company_id = companies.id)
       AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.company_id = companies.id);
  `);
  // The demo badge and help: the demo directory is not this workstation's any more.
  settings.set('demo-data', '0');
}
