// Which decision fits which request, and what it records: the same rules on a workstation and on
// the hub (a desk decision may be taken offline, then applied again on the hub).
import type { DeskDecision, DeskDecisionMade } from '../../../preload/contract/help';

export const DECISION_ACCEPTS: Record<DeskDecision['kind'], readonly string[]> = {
  'answer-cofor': ['cofor-help'],
  'reference-file': ['company-file'],
  'decline-file': ['company-file'],
  'validate-access': ['access-request'],
  'reject-access': ['access-request'],
  unblock: ['blocked-access'],
  answer: ['help', 'blocked-access', 'find-plsa', 'cofor-help', 'company-file', 'access-request'],
};

/** The decision each kind records on the request (a decided request is final). */
export const DECISION_OF: Record<DeskDecision['kind'], DeskDecisionMade> = {
  'answer-cofor': 'answered',
  'reference-file': 'referenced',
  'decline-file': 'declined',
  'validate-access': 'validated',
  'reject-access': 'rejected',
  unblock: 'unblocked',
  answer: 'answered',
};

/** The requests that travel through a hub: the forms' (its submitRequest intent), and the
 * blocked-access and find-my-PLSA requests the hub matched (its recover intent). On a linked desk
 * they are decided through the hub. */
export const HUB_REQUEST_KINDS: readonly string[] = [
  'company-file',
  'cofor-help',
  'access-request',
  'help',
  'blocked-access',
  'find-plsa',
];
