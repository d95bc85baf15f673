// Who a queued message goes to. Messages for the portal assistance are queued to the assistance
// itself, not to an address: the address in the mail settings is read when the message leaves,
// so a request typed before the relay was set up goes where Settings says, and nothing is ever
// sent to a placeholder.
export const ASSISTANCE = 'assistance';

/** The address a message leaves for: the assistance's from the settings, or its own. */
export const recipientAddress = (to: string, settings: { assistanceAddress: string }): string =>
  to === ASSISTANCE ? settings.assistanceAddress : to;
