// How a call to the hub fails, as the workstation sees it: the hub does not answer (offline), it
// answers with a 5xx (there but failing), or it refuses in words (a 4xx with a code).

export class HubUnreachable extends Error {}

/** The hub answered, with a 5xx: it is there but failing (its database, say). Retried as
 * unreachable, but its health probe answering says nothing new. */
export class HubFailing extends HubUnreachable {}

export class HubRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}
