// What the hub holds about a person, for their own export from a linked workstation: their
// account (never a password), the requests naming their e-mail address, the e-mails the hub sent
// them, and the events of their account. Only for the person behind the session.
import type { PoolClient } from 'pg';
import type { Member } from './plsa-continuity';

export async function hubMyData(tx: PoolClient, member: Member) {
  const account = await tx.query<{
    login: string;
    full_name: string;
    email: string;
    role: string;
    state: string;
    last_login_at: Date | null;
  }>('SELECT login, full_name, email, role, state, last_login_at FROM accounts WHERE login = $1', [member.login]);
  const email = account.rows[0]!.email;
  const requests = await tx.query<{ reference: string; kind: string; received_at: Date; payload: unknown }>(
    `SELECT reference, kind, received_at, payload - 'document' - 'screenshot' AS payload FROM requests
     WHERE strpos(lower(payload::text), lower($1)) > 0 ORDER BY received_at`,
    [JSON.stringify(email)],
  );
  const mails = await tx.query<{ queued_at: Date; subject: string; state: string }>(
    'SELECT queued_at, subject, state FROM outbox WHERE lower(to_address) = lower($1) ORDER BY queued_at',
    [email],
  );
  const events = await tx.query<{ at: Date; actor: string; action: string }>(
    `SELECT at, actor, action FROM audit WHERE actor = $1 OR details->>'target' = $1 ORDER BY id`,
    [member.login],
  );
  const a = account.rows[0]!;
  return {
    account: {
      login: a.login,
      fullName: a.full_name,
      email: a.email,
      role: a.role,
      state: a.state,
      company: { name: member.companyName, cofor: member.cofor },
      lastLoginAt: a.last_login_at?.toISOString() ?? null,
    },
    requests: requests.rows.map((r) => ({
      reference: r.reference,
      kind: r.kind,
      receivedAt: r.received_at.toISOString(),
      payload: r.payload,
    })),
    emailsToYou: mails.rows.map((m) => ({ at: m.queued_at.toISOString(), subject: m.subject, state: m.state })),
    accountEvents: events.rows.map((e) => ({ at: e.at.toISOString(), actor: e.actor, action: e.action })),
  };
}
