// English: what left and what waits. A confirmation says "will be sent" until the outbox or the
// hub took a message, where it waits and what the person can do; the desk's answers and the
// desk's view of audit lines and request fields, in words (never the engine's codes).
export const enDelivery = {
  'delivery.before.nowhere':
    'This computer cannot send anything yet: it has no mail relay and is not linked to a portal hub. If you submit, your request is kept here with its reference and leaves only once an assistance agent sets up the mail relay on this computer. If it is urgent, contact the assistance another way and give them the reference.',
  'delivery.before.nowhere.you':
    'This computer cannot send e-mail yet: it has no mail relay and is not linked to a portal hub. What you ask for here is kept, and its e-mail leaves only once an assistance agent sets up the mail relay on this computer.',
  'delivery.after.relay':
    "It will be e-mailed to the assistance: it waits in this computer's outbox until the mail relay takes it. My requests shows when it has left.",
  'delivery.after.nowhere':
    'It has not left this computer: there is no mail relay here and no portal hub. It waits in My requests until an assistance agent sets up the mail relay in Settings. Meanwhile, contact the assistance another way and give them your reference.',
  'delivery.after.hub':
    "It will go to the portal hub at this workstation's next sync, and from there to the assistance's queue. My requests shows when the hub has taken it.",
  'delivery.you.relay':
    "The e-mail waits in this computer's outbox and leaves as soon as the mail relay takes it: allow a few minutes, and look in your spam folder too.",
  'delivery.you.nowhere':
    'No e-mail can leave this computer yet: it has no mail relay and is not linked to a portal hub. The e-mail waits here until an assistance agent sets up the mail relay; meanwhile, ask your PLSA or the assistance.',
  'delivery.you.hub': "The portal hub sends the e-mail once it has this workstation's request.",
  'delivery.hub.noAssistance': 'The hub does not e-mail the assistance: they see requests in their queue.',
  'delivery.hub.noRelay': 'The hub has no mail relay yet: its e-mails wait there until it has one.',
  'delivery.desk.noRelay':
    'This workstation has no mail relay yet: the e-mail waits in its outbox until one is set up in Settings.',
  'requests.viaHubNoAssistance':
    "received by the portal hub: it is in the assistance's queue; the hub has no assistance address, so nobody is e-mailed about it",
  'requests.viaHubNoRelay':
    "received by the portal hub: it is in the assistance's queue; its e-mail to the assistance waits there, as the hub has no mail relay yet",
  'answer.cofor-found': 'your COFOR was found',
  'answer.cofor-not-found': 'no company matches',
  'answer.file-referenced': 'your company is referenced',
  'answer.file-declined': 'your file was declined',
  'answer.access-validated': 'access opened',
  'answer.access-rejected': 'access request rejected',
  'answer.unblocked': 'account unblocked',
  'answer.answer': 'the answer comes to you by e-mail',
  'requests.rejected.access-rejected':
    'The assistance rejected this access request. Correct what their reason asks for, then request access again from the analysis of your COFOR.',
  'requests.rejected.file-declined':
    'The assistance declined this Supplier Database file. Correct what their reason asks for, then present your company again.',
  'requests.rejectedReason': 'Their reason: “{reason}”',
  'field.plsasSent': 'PLSAs named in the e-mail to the requester',
  'actor.anonymous': "Someone, through a form of the portal's login page",
  'actor.portal': 'The portal, by itself',
  'actor.supplier': 'The sender of the request',
  'actor.hub': 'The portal hub',
  'actor.assistance': 'The portal assistance',
  'console.audit.company': 'The whole company',
} as const;
