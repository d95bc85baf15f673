import type { enDelivery } from './en-delivery';

// Français : ce qui est parti et ce qui attend ; les codes du moteur, en mots.
export const frDelivery: Record<keyof typeof enDelivery, string> = {
  'delivery.before.nowhere':
    "Cet ordinateur ne peut encore rien envoyer : il n'a pas de relais de messagerie et n'est pas relié à un hub du portail. Si vous envoyez, votre demande est gardée ici avec sa référence et ne part qu'une fois qu'un agent de l'assistance a réglé le relais de messagerie de cet ordinateur. En cas d'urgence, contactez l'assistance par un autre moyen en donnant la référence.",
  'delivery.before.nowhere.you':
    "Cet ordinateur ne peut pas encore envoyer d'e-mail : il n'a pas de relais de messagerie et n'est pas relié à un hub du portail. Ce que vous demandez ici est gardé, et son e-mail ne part qu'une fois qu'un agent de l'assistance a réglé le relais de messagerie de cet ordinateur.",
  'delivery.after.relay':
    "Elle sera envoyée par e-mail à l'assistance : elle attend dans la boîte d'envoi de cet ordinateur que le relais de messagerie la prenne. Mes demandes montre quand elle est partie.",
  'delivery.after.nowhere':
    "Elle n'a pas quitté cet ordinateur : il n'y a ici ni relais de messagerie ni hub du portail. Elle attend dans Mes demandes qu'un agent de l'assistance règle le relais de messagerie dans Réglages. D'ici là, contactez l'assistance par un autre moyen en donnant votre référence.",
  'delivery.after.hub':
    "Elle partira vers le hub du portail à la prochaine synchronisation de ce poste, puis dans la file de l'assistance. Mes demandes montre quand le hub l'a reçue.",
  'delivery.you.relay':
    "L'e-mail attend dans la boîte d'envoi de cet ordinateur et part dès que le relais de messagerie le prend : comptez quelques minutes, et regardez aussi dans vos courriers indésirables.",
  'delivery.you.nowhere':
    "Aucun e-mail ne peut encore quitter cet ordinateur : il n'a pas de relais de messagerie et n'est pas relié à un hub du portail. L'e-mail attend ici qu'un agent de l'assistance règle le relais ; d'ici là, adressez-vous à votre PLSA ou à l'assistance.",
  'delivery.you.hub': "Le hub du portail envoie l'e-mail une fois qu'il a reçu la demande de ce poste.",
  'delivery.hub.noAssistance': "Le hub n'envoie pas d'e-mail à l'assistance : elle voit les demandes dans sa file.",
  'delivery.hub.noRelay': "Le hub n'a pas encore de relais de messagerie : ses e-mails y attendent qu'il en ait un.",
  'delivery.desk.noRelay':
    "Ce poste n'a pas encore de relais de messagerie : l'e-mail attend dans sa boîte d'envoi qu'un relais soit réglé dans Réglages.",
  'requests.viaHubNoAssistance':
    "reçue par le hub du portail : elle est dans la file de l'assistance ; le hub n'a pas d'adresse de l'assistance, personne n'est donc prévenu par e-mail",
  'requests.viaHubNoRelay':
    "reçue par le hub du portail : elle est dans la file de l'assistance ; son e-mail à l'assistance y attend, car le hub n'a pas encore de relais de messagerie",
  'answer.cofor-found': 'votre COFOR a été retrouvé',
  'answer.cofor-not-found': 'aucune entreprise ne correspond',
  'answer.file-referenced': 'votre entreprise est référencée',
  'answer.file-declined': 'votre dossier a été refusé',
  'answer.access-validated': 'accès ouvert',
  'answer.access-rejected': "demande d'accès rejetée",
  'answer.unblocked': 'compte débloqué',
  'answer.answer': 'la réponse vous parvient par e-mail',
  'requests.rejected.access-rejected':
    "L'assistance a rejeté cette demande d'accès. Corrigez ce que demande son motif, puis demandez de nouveau l'accès depuis l'analyse de votre COFOR.",
  'requests.rejected.file-declined':
    "L'assistance a refusé ce dossier de la Base Fournisseurs. Corrigez ce que demande son motif, puis présentez de nouveau votre entreprise.",
  'requests.rejectedReason': 'Son motif : « {reason} »',
  'field.plsasSent': "PLSA indiqués dans l'e-mail au demandeur",
  'actor.anonymous': 'Quelqu’un, par un formulaire de la page de connexion du portail',
  'actor.portal': 'Le portail, de lui-même',
  'actor.supplier': "L'expéditeur de la demande",
  'actor.hub': 'Le hub du portail',
  'actor.assistance': "L'assistance du portail",
  'console.audit.company': "Toute l'entreprise",
} as const;
