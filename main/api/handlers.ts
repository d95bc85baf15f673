// The use cases behind the channels declared in preload/contract/channels.ts, side by side. Each
// service names its methods after the channels it serves and takes (input, principal, context),
// so adding a channel costs its declaration, one service method and the screen; a channel that
// no service serves, or serves with the wrong types, does not compile (`satisfies` below).
import type { AppInfo, SyncStatus } from '../../preload/contract/dto';
import type { AuthService } from '../services/auth';
import type { DeskService } from '../services/desk';
import type { DeskDecisions } from '../services/desk-decisions';
import type { DraftsService } from '../services/drafts';
import type { HelpService } from '../services/help';
import type { HelpTopicService } from '../services/help-topic';
import type { OnboardingService } from '../services/onboarding';
import type { OutboxService } from '../services/outbox-service';
import type { MyRequestsService } from '../services/my-requests';
import type { PrivacyService } from '../services/privacy';
import type { DeskErasure } from '../services/desk-erasure';
import type { PlsaConsoleService } from '../services/plsa-console';
import type { PlsaContinuityService } from '../services/plsa-continuity';
import type { AccessReviewsService } from '../services/access-review';
import type { PrivateAreaService } from '../services/private-area';
import type { RecoveryService } from '../services/recovery';
import type { TermsCatalogue } from '../services/terms';
import type { HandlerMap } from './router';

export interface Services {
  app: {
    appInfo(): Promise<AppInfo>;
    syncStatus(): SyncStatus;
    syncNow(): Promise<SyncStatus>;
    saveHubSettings(input: { session: string; url: string }): Promise<SyncStatus>;
  };
  onboarding: OnboardingService;
  terms: TermsCatalogue;
  drafts: DraftsService;
  auth: AuthService;
  privateArea: PrivateAreaService;
  recovery: RecoveryService;
  plsaConsole: PlsaConsoleService;
  plsaContinuity: PlsaContinuityService['channels'];
  accessReviews: AccessReviewsService['channels'];
  help: HelpService;
  outbox: OutboxService;
  myRequests: MyRequestsService;
  privacy: PrivacyService;
  erasure: DeskErasure;
  helpTopic: HelpTopicService;
  desk: DeskService;
  decisions: DeskDecisions;
}

export function createHandlers(s: Services): HandlerMap {
  // A spread would let a second service silently take over a channel: refuse it at start-up.
  const seen = new Map<string, string>();
  for (const [service, methods] of Object.entries(s)) {
    for (const name of Object.keys(methods as object)) {
      if (seen.has(name)) throw new Error(`${service} and ${seen.get(name)} both serve "${name}".`);
      seen.set(name, service);
    }
  }
  return {
    ...s.app,
    ...s.onboarding,
    ...s.terms,
    ...s.drafts,
    ...s.auth,
    ...s.privateArea,
    ...s.recovery,
    ...s.plsaConsole,
    ...s.plsaContinuity,
    ...s.accessReviews,
    ...s.help,
    ...s.outbox,
    ...s.myRequests,
    ...s.privacy,
    ...s.erasure,
    ...s.helpTopic,
    ...s.desk,
    ...s.decisions,
  } satisfies HandlerMap;
}
