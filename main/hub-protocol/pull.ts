// A pull: the changes after a cursor that this device may see, a page at a time, with what the
// hub can e-mail (so the workstation's screens say what leaves and what waits).
import type { HubMail } from '../../preload/contract/dto';
import type { RawChange } from './changes';

/** The largest page a pull may ask for. */
export const MAX_PULL_PAGE = 5000;

export type { HubMail } from '../../preload/contract/dto';

export interface PullAnswer {
  cursor: number;
  more: boolean;
  /** What the hub can e-mail (a hub older than this field says nothing). */
  mail?: HubMail;
  changes: RawChange[];
}
