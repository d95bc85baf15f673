// Keeps a workstation's replica in step with its hub: registers the device once (its token in
// the OS keychain), pushes the queued intents in order, then pulls what changed and applies it
// to the local store. Offline, it waits and tries again with backoff; nothing queued is lost.
import { randomUUID } from 'node:crypto';
import { inspectDocument } from '../portal/documents/inspect';
import type { SyncStatus as ShownSyncStatus } from '../../preload/contract/dto';
import type { Db } from '../store/database';
import type { HubQueue } from '../store/hub-queue';
import { createRequestsRepository } from '../store/requests';
import { createDirectoryWriter } from '../store/directory-import';
import type { DirectoryCompany } from '../portal/directory/model';
import { SecretStoreUnavailable, type SecretStore } from '../secrets/secret-store';
import { createHubClient, HubRefused, HubUnreachable, type HubClient, type PullResult } from './hub-client';

export const HUB_TOKEN_KEY = 'hub.deviceToken';

/** A company as the hub's analysis projection has it (main/hub/directory.ts). */
interface CompanyProjection {
  cofor: string;
  legalName: string;
  status: string;
  access: string;
  accessRequestedAt: string | null;
  siteCodes?: string[];
}

/** What the header shows (the contract's SyncStatus), and the last problem, for the log. */
export type SyncStatus = ShownSyncStatus & { problem: string | null };

export function createSyncWorker(deps: {
  db: Db;
  queue: HubQueue;
  secrets: SecretStore;
  now: () => Date;
  log?: (message: string, detail?: unknown) => void;
  /** A desk workstation's token from the hub's `register-desk` (until enrolment by an agent's login). */
  deskToken?: string | null;
  intervalMs?: number;
  /** A desk's directory changed under it (its company search is built again). */
  onDirectoryChanged?: () => void;
  /** The desks' answer templates, as another desk saved them on the hub. */
  onTemplates?: (templates: unknown) => void;
}) {
  const { db, queue, secrets, now } = deps;
  let online: boolean | null = null;
  let problem: string | null = null;
  let needsKeychain = false;
  let running: Promise<void> | null = null;
  // Rounds and enrolments one at a time: each reads and writes this device's token and id, and
  // two enrolments at once could otherwise leave one's token with the other's id.
  let lane: Promise<unknown> = Promise.resolve();
  const inLane = <T>(work: () => Promise<T>): Promise<T> => {
    const next = lane.then(work, work);
    lane = next.catch(() => undefined);
    return next;
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let stopped = true;

  // A company of the hub's projection: updated, or added (a COFOR given since, on the hub), with
  // its site codes, so that the analysis knows it offline.
  const applyCompany = db.prepare<{
    cofor: string;
    legalName: string;
    status: string;
    access: string;
    at: string | null;
  }>(
    `INSERT INTO companies (cofor, legal_name, status, access_status, access_requested_at)
     VALUES (@cofor, @legalName, @status, @access, @at)
     ON CONFLICT (cofor) DO UPDATE SET status = excluded.status, access_status = excluded.access_status,
       access_requested_at = excluded.access_requested_at`,
  );
  const applySite = db.prepare<[string, string]>(
    `INSERT INTO sites (company_id, code) SELECT id, ? FROM companies WHERE cofor = ? ON CONFLICT DO NOTHING`,
  );
  // A desk replica's queue: a request from any workstation, once (a request this workstation
  // sent itself is already there under the same reference).
  const insertRequest = db.prepare<[string, string, string | null, string, string, string]>(
    `INSERT INTO submissions (reference, kind, company_id, payload, created_at, lang)
     VALUES (?, ?, (SELECT id FROM companies WHERE cofor = ?), ?, ?, ?) ON CONFLICT (reference) DO NOTHING`,
  );
  const insertDocument = db.prepare<[string, number | bigint, string, string, number, Uint8Array]>(
    'INSERT INTO documents (id, submission_id, media_type, original_name, size, content) VALUES (?, ?, ?, ?, ?, ?)',
  );

  // The hub's decision on a request replaces this desk's own (the first to reach the hub won).
  const applyDecision = db.prepare<[string, string, string, string]>(
    `UPDATE submissions SET decision = ?, decided_by = ?, decided_at = ?, desk_state = 'done' WHERE reference = ?`,
  );
  // Where a request is in the queue and who works on it, as another desk moved it on the hub
  // (a decided request stays done here: its decision came, or comes, from the hub).
  const applyDeskState = db.prepare<[string, string | null, string]>(
    `UPDATE submissions SET desk_state = ?, assignee = ? WHERE reference = ? AND decision IS NULL`,
  );
  // The supplier's own request, answered by a desk through the hub: My requests says so.
  const answered = db.prepare<[string, string]>(
    `INSERT INTO request_events (submission_id, at, state, detail)
     SELECT id, ?, 'answered', NULL FROM submissions WHERE reference = ? AND state <> 'answered'`,
  );
  const markAnswered = db.prepare<[string]>(`UPDATE submissions SET state = 'answered' WHERE reference = ?`);
  // A desk decision the hub refused because another came first: the request's history says who.
  const overruled = db.prepare<[string, string, string, string]>(
    `INSERT INTO audit_log (at, company_id, actor, action, details)
     SELECT ?, company_id, ?, 'desk-overruled', ? FROM submissions WHERE reference = ?`,
  );

  // A desk decision the hub refused for another reason (its state did not allow it): this desk's
  // own decision is taken back, so the request can be decided again; the history says why.
  const undecide = db.prepare<[string]>(
    `UPDATE submissions SET decision = NULL, decided_by = NULL, decided_at = NULL, desk_state = 'in-progress'
     WHERE reference = ?`,
  );
  const requests = createRequestsRepository(db);
  /** A request this workstation sent, as the hub answered it: received (the hub e-mails the
   * assistance; `hub` is the detail My requests shows in words), or refused with its reason. */
  function noteRequestAnswer(mutation: { args: Record<string, unknown> }, result: unknown, at: Date) {
    const id = requests.idOf(String(mutation.args['reference']));
    if (id === null) return;
    const answer = result as {
      ok: boolean;
      value?: { receivedAt?: string };
      error?: { fields?: Record<string, string> };
    };
    if (answer.ok) requests.record(id, 'sent', new Date(answer.value?.receivedAt ?? at), 'hub');
    // The reason as a code (`hub-refused:access.already-requested`), which the screen words.
    else requests.record(id, 'failed', at, `hub-refused:${Object.values(answer.error?.fields ?? {})[0] ?? 'invalid'}`);
  }

  /** The hub's projection of a company, as a pull or a refusal brings it. */
  function companyAsOnHub(c: CompanyProjection) {
    const at = c.accessRequestedAt ? new Date(c.accessRequestedAt).toISOString() : null;
    applyCompany.run({ cofor: c.cofor, legalName: c.legalName, status: c.status, access: c.access, at });
    for (const code of c.siteCodes ?? []) applySite.run(code, c.cofor);
  }
  const refusedHere = db.prepare<[string, string, string]>(
    `INSERT INTO audit_log (at, company_id, actor, action, details)
     SELECT ?, company_id, 'hub', 'desk-hub-refused', ? FROM submissions WHERE reference = ?`,
  );

  function noteRefusal(mutation: { name: string; args: Record<string, unknown> }, result: unknown, at: Date) {
    const error = (
      result as {
        error?: { code?: string; message?: string; details?: Record<string, string>; company?: CompanyProjection };
      }
    ).error;
    if (mutation.name !== 'deskDecide') return;
    const reference = String(mutation.args['reference']);
    const mine = (mutation.args['decision'] as { kind?: string } | undefined)?.kind ?? '';
    // The hub's truth about the request's company comes with its refusal: what this desk's own
    // decision changed there (an access opened, say) is the hub's again.
    if (error?.company) companyAsOnHub(error.company);
    if (error?.code !== 'already-decided') {
      undecide.run(reference);
      refusedHere.run(
        at.toISOString(),
        JSON.stringify({ reference, mine, code: error?.code, reason: error?.message }),
        reference,
      );
      return;
    }
    const theirs = error.details ?? {};
    overruled.run(
      at.toISOString(),
      theirs['by'] ?? 'hub',
      JSON.stringify({ reference, mine, agent: mutation.args['agent'], ...theirs }),
      reference,
    );
  }

  function applyRequest(data: Record<string, unknown>) {
    const payload = { ...(data['payload'] as Record<string, unknown>) };
    const files: Array<{ name: string; bytes: Buffer }> = [];
    for (const field of ['document', 'screenshot']) {
      const file = payload[field] as { fileName?: string; contentBase64?: string } | undefined;
      if (!file?.contentBase64) continue;
      const bytes = Buffer.from(file.contentBase64, 'base64');
      files.push({ name: file.fileName ?? field, bytes });
      payload[field] = { fileName: file.fileName, size: bytes.length };
    }
    const inserted = insertRequest.run(
      String(data['reference']),
      String(data['kind']),
      typeof data['cofor'] === 'string' ? data['cofor'] : null,
      JSON.stringify(payload),
      new Date(String(data['receivedAt'])).toISOString(),
      data['lang'] === 'fr' ? 'fr' : 'en',
    );
    if (inserted.changes === 0) return;
    for (const file of files) {
      const check = inspectDocument(file.bytes); // checked on the hub; kept only as it checks here too
      if (check.ok)
        insertDocument.run(
          randomUUID(),
          inserted.lastInsertRowid,
          check.mediaType,
          file.name,
          check.content.length,
          check.content,
        );
    }
  }

  async function device(link: NonNullable<ReturnType<HubQueue['link']>>, client: HubClient) {
    let token = await secrets.get(HUB_TOKEN_KEY);
    if (token && link.deviceId) return { token, deviceId: link.deviceId };
    if (deps.deskToken) {
      // The operator's token: the device id is learnt from the hub's first answer (a pull).
      token = deps.deskToken;
    } else {
      const registered = await client.register();
      token = registered.token;
      queue.setDevice(registered.deviceId);
    }
    await secrets.set(HUB_TOKEN_KEY, token);
    return { token, deviceId: queue.link()?.deviceId || null };
  }

  function apply(changes: PullResult['changes']) {
    // A desk's directory records, written together (one import batch) until another kind of
    // change comes, so that the changes still apply in the hub's order.
    let records: DirectoryCompany[] = [];
    let writer: ReturnType<typeof createDirectoryWriter> | null = null;
    const writeRecords = () => {
      if (records.length === 0) return;
      // The hub is the system of record: its accounts' states (a PLSA's unblocking, say) win.
      (writer ??= createDirectoryWriter(db, now(), { statesFromSource: true })).write(records);
      records = [];
      deps.onDirectoryChanged?.();
    };
    db.transaction(() => {
      for (const change of changes) {
        if (change.entity === 'directory') {
          records.push(change.data as DirectoryCompany);
          continue;
        }
        writeRecords();
        if (change.entity === 'company')
          companyAsOnHub({ ...(change.data as unknown as CompanyProjection), cofor: change.id });
        else if (change.entity === 'request') applyRequest(change.data);
        else if (change.entity === 'request-decision') {
          const d = change.data as { decision: string; by: string; at: string };
          applyDecision.run(d.decision, d.by, new Date(d.at).toISOString(), change.id);
        } else if (change.entity === 'templates') deps.onTemplates?.(change.data);
        else if (change.entity === 'request-state') {
          const d = change.data as { state: string; assignee: string | null };
          applyDeskState.run(d.state, d.assignee, change.id);
        } else if (change.entity === 'request-status' && change.data['state'] === 'answered') {
          if (answered.run(new Date(String(change.data['at'])).toISOString(), change.id).changes > 0)
            markAnswered.run(change.id);
        }
      }
      writeRecords();
    })();
  }

  async function round(): Promise<void> {
    const link = queue.link();
    if (!link) return;
    const client = createHubClient(link.url);
    try {
      const { token, deviceId } = await device(link, client);
      for (let batch = queue.pending(); batch.length > 0; batch = queue.pending()) {
        const answer = await client
          .push(
            token,
            deviceId,
            batch.map((m) => ({ id: m.mutationId, name: m.name, args: m.args })),
          )
          .catch((error: unknown) => {
            // What waits starts after what the hub has (a store restored from an older backup):
            // number it on from the hub's last id rather than wait for a gap to fill forever.
            if (error instanceof HubRefused && error.code === 'mutation-gap') {
              const { lastMutationId, results } = error.body as { lastMutationId: number; results: never[] };
              return { lastMutationId, results, continueFrom: lastMutationId + 1 };
            }
            throw error;
          });
        const at = now();
        db.transaction(() => {
          for (const r of answer.results ?? []) {
            const sent = batch.find((m) => m.mutationId === r.id);
            // A queue move on a request another desk decided meanwhile is no failure to show: the
            // decision arrives with the pull, and the request is done.
            const moot =
              sent?.name === 'deskSetState' &&
              (r.result as { error?: { code?: string } }).error?.code === 'already-decided';
            queue.settle(r.id, r.result.ok || moot, r.result, at);
            if (sent?.name === 'submitRequest') noteRequestAnswer(sent, r.result, at);
            // A settled one is never pushed again. The replica's own rebase must never hold the
            // queue: if it fails, the refusal is still settled, and the log says what failed.
            if (!r.result.ok && sent)
              try {
                db.transaction(() => noteRefusal(sent, r.result, at))();
              } catch (error) {
                deps.log?.(`sync: could not take back refused mutation ${r.id}: ${(error as Error).message}`);
              }
          }
        })();
        if ('continueFrom' in answer) queue.continueFrom(answer.continueFrom);
        else if ((answer.results ?? []).length === 0) break;
      }
      let cursor = link.cursor;
      for (;;) {
        const page = await client.pull(token, cursor);
        apply(page.changes);
        cursor = page.cursor;
        queue.setCursor(cursor, now());
        if (!page.more) break;
      }
      online = true;
      problem = null;
      needsKeychain = false;
      failures = 0;
    } catch (error) {
      failures++;
      online = error instanceof HubUnreachable ? false : online;
      problem = (error as Error).message;
      needsKeychain = error instanceof SecretStoreUnavailable;
      if (error instanceof HubRefused && error.code === 'unauthenticated') {
        // The hub no longer knows this device (a new database): register again; nothing queued is dropped.
        await secrets.delete(HUB_TOKEN_KEY).catch(() => false);
        queue.forgetDevice();
      }
      deps.log?.(`sync: ${problem}`);
    }
  }

  function schedule() {
    if (stopped) return;
    // Every interval while it works; after failures, doubling up to 5 minutes, with jitter.
    const base = deps.intervalMs ?? 10_000;
    const wait = failures === 0 ? base : Math.min(300_000, base * 2 ** Math.min(failures, 5)) * (0.5 + Math.random());
    timer = setTimeout(() => void syncNow().finally(schedule), wait);
    timer.unref?.();
  }

  /** A round that starts after this call (a person who presses "sync" after a change sees it):
   * while one runs, the next is queued once and shared by every caller in the meantime. */
  let next: Promise<void> | null = null;
  function syncNow(): Promise<void> {
    if (running) {
      next ??= running.then(() => {
        next = null;
        return syncNow();
      });
      return next;
    }
    running = inLane(round).finally(() => (running = null));
    return running;
  }

  let kicked: ReturnType<typeof setTimeout> | null = null;
  return {
    syncNow,
    /** An agent's login on the hub enrols this workstation as a desk device there: it then pulls
     * the queue from the start. Nothing changes here when the hub refuses or cannot be reached. */
    enrol(url: string, username: string, password: string): Promise<void> {
      return inLane(async () => {
        const enrolment = await createHubClient(url).enrolDesk({ username, password });
        if (queue.link()?.url === url) queue.forgetDevice();
        else queue.setUrl(url);
        await secrets.set(HUB_TOKEN_KEY, enrolment.token);
        queue.setDevice(enrolment.deviceId);
        online = true;
      });
    },
    /** Calls the hub as this device (registering it first if needed): a login, say. */
    async call<T>(fn: (client: HubClient, token: string) => Promise<T>): Promise<T> {
      const link = queue.link();
      if (!link) throw new HubUnreachable('This workstation is not linked to a hub.');
      const client = createHubClient(link.url);
      try {
        const { token } = await device(link, client);
        const answer = await fn(client, token);
        online = true;
        return answer;
      } catch (error) {
        if (error instanceof HubRefused) online = true; // it answered
        if (error instanceof HubUnreachable) online = false; // the header says so at once
        throw error;
      }
    },
    /** Something was queued: push it shortly (after the transaction that queued it commits). */
    kick(): void {
      if (stopped || kicked) return;
      kicked = setTimeout(() => {
        kicked = null;
        void syncNow();
      }, 200);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      void syncNow().finally(schedule);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (kicked) clearTimeout(kicked);
    },
    status(): SyncStatus {
      const link = queue.link();
      const counts = queue.counts();
      return {
        linked: link !== null,
        hubUrl: link?.url ?? null,
        online,
        pending: counts.pending,
        refused: counts.refused,
        lastSyncAt: link?.lastSyncAt ?? null,
        needsKeychain,
        problem,
      };
    },
  };
}
export type SyncWorker = ReturnType<typeof createSyncWorker>;
