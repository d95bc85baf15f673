// What one call to the hub may carry: the hub refuses more (hub/server.ts), so a workstation
// cuts its pushes to fit (sync/), and refuses at submission a request that could never fit in
// one (services/). Shared by both ends, so neither can drift into a queue that never drains.

/** A push carries its attachments: a 5 MB document is 6.7 MB of base64, plus the form. */
export const HUB_MAX_BODY_BYTES = 8 * 1024 * 1024;

export const MAX_MUTATIONS_PER_PUSH = 500;

/** JSON values one call may hold, counted as its arrays, objects and commas (countJsonValues):
 * a full push of 500 forms counts some 30,000; 10^5 nested arrays in one mutation are still
 * answered as that mutation's refusal (issue 24, N1), and 8 MB of "{}," is refused unparsed. */
export const MAX_BODY_VALUES = 200_000;

/** Room left in a push for the form, the envelope and JSON's quoting around one attachment. */
const FORM_ROOM_BYTES = 512 * 1024;

/** Whether a request with an attachment of this many bytes fits in one push, once in base64. */
export const fitsOnePush = (attachmentBytes: number): boolean =>
  Math.ceil(attachmentBytes / 3) * 4 + FORM_ROOM_BYTES <= HUB_MAX_BODY_BYTES;

/** The largest attachment that fits in one push (for the words that refuse a larger one). */
export const MAX_ATTACHMENT_THROUGH_HUB = Math.floor(((HUB_MAX_BODY_BYTES - FORM_ROOM_BYTES) / 4) * 3);

/** Bytes of queued intents a workstation puts in one push (its JSON is a little larger). */
export const PUSH_BATCH_BYTES = HUB_MAX_BODY_BYTES - FORM_ROOM_BYTES;
