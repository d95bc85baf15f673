import type { enHelp } from './en-help';

// Français : Aide & Contact, Mes demandes et les réglages de messagerie.
export const frHelp: Record<keyof typeof enHelp, string> = {
  'nav.help': 'Aide & Contact',
  'nav.requests': 'Mes demandes',
  'nav.settings': 'Réglages',

  'help.title': 'Aide & Contact',
  'help.summary':
    "Le résumé de cet espace : trois étapes mènent votre entreprise au portail B2B. Présentez votre entreprise dans la Base Fournisseurs, obtenez l'accès au portail B2B avec votre COFOR, puis connectez-vous à votre espace privé avec votre identifiant personnel V.",
  'help.guides': 'Des guides pour chaque étape',
  'help.search': 'Rechercher dans les guides',
  'help.search.label': 'Mots à rechercher',
  'help.search.hint': 'Fonctionne hors ligne. Par exemple : PLSA, mot de passe temporaire, COFOR.',
  'help.search.none':
    "Aucun guide ne correspond : essayez d'autres mots, ou demandez à l'assistance avec « Obtenir de l'aide ».",
  'help.notFound':
    "Vous ne trouvez pas la réponse à votre question dans l'aide ? Vous pouvez contacter le support du portail B2B avec ce formulaire en ligne.",
  'help.getHelp': "Obtenir de l'aide",
  'help.readMore': 'En savoir plus',
  'help.about': 'À propos du constructeur',
  'help.about.sample':
    "Contenu d'exemple : le constructeur remplace ce texte par le sien lors du déploiement du portail.",
  'help.back': 'Retour à Aide & Contact',

  'contact.title': "Contacter l'assistance du portail B2B",
  'contact.intro':
    "Renseignez vos coordonnées aussi complètement que possible, avec votre identifiant B2B et votre COFOR si vous les avez : nous pourrons vous répondre plus vite. L'envoi adresse un e-mail à l'assistance ; Mes demandes montre ce qu'il devient.",
  'contact.purpose': 'Objet de votre demande',
  'contact.purpose.choose': 'Choisissez…',
  'purpose.access-request': "Demande d'accès",
  'purpose.cofor': 'COFOR',
  'purpose.login-or-password': 'Identifiant ou mot de passe',
  'purpose.blocked-access': 'Accès bloqué',
  'purpose.plsa': 'PLSA',
  'purpose.replace-plsa': "Remplacer notre PLSA (il n'y en a plus)",
  'contact.replace.title': 'Le nouveau PLSA, et la confirmation de votre représentant légal',
  'contact.replace.intro':
    "Quand plus aucun PLSA ne peut transmettre le rôle, l'assistance le remplace sur confirmation du représentant légal de votre entreprise : elle le vérifie dans ses données et l'appelle avant tout changement. Indiquez votre COFOR ci-dessous.",
  'contact.replace.newPlsaName': 'Nouveau PLSA : nom complet',
  'contact.replace.newPlsaEmail': 'Nouveau PLSA : e-mail professionnel',
  'contact.replace.legalRepName': 'Représentant légal : nom complet',
  'contact.replace.legalRepEmail': 'Représentant légal : e-mail professionnel',
  'contact.replace.confirms': 'Notre représentant légal confirme cette demande',
  'contact.replace.confirmsHint':
    "L'assistance le contacte pour le vérifier. Le nouveau PLSA reçoit son identifiant et un mot de passe temporaire par e-mail.",
  'error.replace.confirm-required':
    "Cochez cette case : l'assistance ne remplace un PLSA que sur confirmation du représentant légal.",
  'purpose.technical': 'Problème technique',
  'purpose.other': 'Autre',
  'contact.message': 'Votre question',
  'contact.details': 'Vos coordonnées',
  'contact.name': 'Nom',
  'contact.company': 'Entreprise',
  'contact.email': 'E-mail',
  'contact.phone': 'Téléphone',
  'contact.login': 'Identifiant B2B, si vous en avez un',
  'contact.cofor': 'COFOR, si vous le connaissez',
  'contact.cofor.required': 'Le COFOR de votre entreprise',
  'contact.screenshot': "Capture d'écran",
  'contact.screenshot.hint':
    "PNG ou JPEG. Choisissez un fichier, ou collez une image (Ctrl+V) n'importe où sur cette page.",
  'contact.screenshot.capture': "Capturer la fenêtre de l'application",
  'contact.screenshot.captureHint':
    'Les champs de mot de passe et les champs marqués privés sont masqués dans la capture.',
  'contact.screenshot.blankDetails': 'Masquer mes coordonnées dans la capture',
  'contact.screenshot.choose': 'Choisir une image',
  'contact.screenshot.remove': 'Retirer la capture',
  'contact.screenshot.preview': 'Aperçu de la capture',
  'contact.screenshot.attached': 'Jointe : {name} ({size})',
  'contact.screenshot.pasted': 'image collée',

  'requests.title': 'Mes demandes',
  'requests.intro':
    "Toutes les demandes envoyées depuis ce poste, avec leur référence et ce qu'elles sont devenues. Rien ne se perd si le réseau est coupé : les demandes attendent ici et partent dès que possible.",
  'requests.empty': "Aucune demande envoyée depuis ce poste pour l'instant.",
  'requests.empty.next':
    "Chaque demande envoyée d'ici (une question à l'assistance, une recherche de COFOR, un dossier Base Fournisseurs, une demande d'accès) apparaît sur cet écran avec sa référence et ce qu'il en advient.",
  'requests.reference': 'Référence',
  'requests.kind': 'Demande',
  'requests.date': 'Envoyée le',
  'requests.state': 'État',
  'requests.timeline': 'Historique',
  'requests.retry': 'Réessayer',
  'requests.sendNow': 'Envoyer maintenant',
  'requests.waitingReason': "En attente d'un nouvel essai : {reason}",
  'requests.waitingRelay':
    "En attente : le relais de messagerie de ce poste n'est pas encore réglé. La demande part dès qu'un agent de l'assistance le règle dans Réglages.",
  'requests.failedReason': 'Échec : {reason}',
  'requests.hubRefused': 'refusée par le hub du portail : {reason}',
  'requests.viaHub': "reçue par le hub du portail, qui l'envoie par e-mail à l'assistance",
  'requests.waitingHub': 'En attente du hub du portail : elle part dès que ce poste est de nouveau en ligne.',
  'kind.help': 'Aide & Contact',
  'kind.cofor-help': 'Demande de COFOR',
  'kind.company-file': 'Dossier Base Fournisseurs',
  'kind.access-request': "Demande d'accès",
  'rstate.saved': 'Enregistrée',
  'rstate.queued': "En attente d'envoi",
  'rstate.sent': 'Envoyée',
  'rstate.failed': 'Échec',
  'rstate.answered': 'Répondue',
  'progress.with-desk': "Chez l'assistance",
  'progress.waiting-you': 'En attente de votre réponse',
  'progress.expired': 'Expirée',
  'progress.done': 'Traitée',
  'requests.waitingYou':
    "L'assistance vous a posé une question sur cette demande (voir vos e-mails) : répondez-lui avant le {date}, sinon la demande expire.",
  'requests.expired':
    "Cette demande a expiré le {date} : l'assistance a attendu votre réponse pendant 30 jours. Rouvrez-la si vous en avez encore besoin.",
  'requests.reopen': 'Rouvrir cette demande',
  'requests.reopened': "Rouverte : la demande est de nouveau chez l'assistance.",
  'requests.remind': 'Envoyer une relance',
  'requests.remind.hint':
    "Pas de réponse depuis 5 jours ouvrés : une relance signale à l'assistance que cette demande attend toujours.",
  'requests.reminded': 'Relance envoyée. Vous pourrez en envoyer une autre à partir du {date}.',
  'requests.reminders': 'Relances envoyées : {dates}',
  'requests.reminderRefused': "Une relance du {date} n'a pas été prise par le hub du portail : {reason}",
  'requests.nextReminder': 'Vous pourrez envoyer une relance à partir du {date}.',
  'error.reminder.not-received':
    "Cette demande n'est pas encore arrivée à l'assistance : une relance pourra suivre une fois qu'elle y sera.",
  'error.reminder.not-waiting': "Cette demande n'attend pas l'assistance : aucune relance n'est nécessaire.",
  'error.reminder.too-early': 'Une relance est possible quand une demande attend depuis 5 jours ouvrés.',
  'error.reminder.too-soon': 'Une relance sur cette demande a été envoyée il y a moins de 5 jours.',
  'error.reopen.not-expired': "Cette demande n'a pas expiré : elle est toujours ouverte.",

  'hub.title': 'Hub du portail',
  'hub.intro':
    "Avec un hub, les demandes saisies sur ce poste parviennent à tous les postes de l'assistance, et l'analyse suit l'annuaire du portail. Sans hub, ce poste fonctionne seul.",
  'hub.url': 'Adresse du hub',
  'hub.url.hint': 'Par exemple https://hub.example.com. Laissez vide pour travailler sans hub.',
  'hub.saved.online': 'Enregistré : ce poste se synchronise désormais avec le hub.',
  'hub.saved.enrolled':
    "Enregistré : {username} a inscrit ce poste comme poste d'assistance ; il synchronise désormais la file avec le hub.",
  'hub.enrol.intro':
    "Un poste d'assistance est inscrit par un agent : indiquez votre nom d'utilisateur et votre mot de passe sur le hub (l'administrateur du hub les crée). Laissez le mot de passe vide pour un poste fournisseur.",
  'hub.enrol.username': "Votre nom d'utilisateur sur le hub",
  'hub.enrol.password': 'Votre mot de passe sur le hub',
  'hub.enrol.refused': "Le hub n'a pas accepté ce nom d'utilisateur et ce mot de passe : rien n'a été modifié.",
  'hub.enrol.unreachable':
    "Le hub ne répond pas à cette adresse : rien n'a été modifié. Vérifiez l'adresse et le réseau, puis réessayez.",
  'hub.saved.offline':
    "Enregistré. Le hub ne répond pas encore : ce qui est saisi ici attend, et part dès qu'il répond.",
  'hub.saved.standalone': 'Enregistré : ce poste fonctionne sans hub.',
  'error.hub.url.format': "Saisissez l'adresse du hub, par exemple https://hub.example.com.",
  'error.hub.url.insecure':
    "L'adresse doit commencer par https:// (http:// seulement pour un hub sur cet ordinateur), pour que rien ne circule en clair sur le réseau.",
  'error.hub.url.extra': "Saisissez l'adresse seule, sans nom d'utilisateur, mot de passe, « ? » ni « # ».",
  'sync.online': 'Hub : en ligne',
  'sync.unknown': 'Hub : pas encore joint',
  'sync.needsKeychain': 'Hub : le trousseau du système est nécessaire',
  'sync.offline': 'Hub : hors ligne',
  'sync.pending': '{count} à synchroniser',
  'sync.refused': 'refusées : {count}',
  'sync.synced': 'synchronisé {when}',
  'sync.lastAt': 'Dernière synchronisation avec le hub : {at}',
  'sync.never': 'Pas encore synchronisé avec le hub',
  'sync.now': 'synchroniser maintenant',
  'outbox.online': 'En ligne',
  'outbox.offline': 'Hors ligne',
  'outbox.unknown': 'Messagerie',
  'outbox.notConfigured': 'Relais de messagerie non réglé',
  'outbox.waiting': '{count} en attente',
  'outbox.failed': '{count} en échec',

  'settings.title': 'Réglages',
  'settings.mail': 'Relais de messagerie',
  'settings.deskOnly':
    'Seule l’assistance du portail peut modifier ces réglages : un agent de l’assistance se connecte d’abord.',
  'settings.keychainUnavailable':
    'Le trousseau du système n’est pas disponible : le mot de passe du relais ne peut pas être conservé en sécurité, rien n’a été enregistré. Laissez le mot de passe vide pour un relais sans identification, ou demandez à votre service informatique d’activer le trousseau.',
  'settings.mail.intro':
    'Les demandes et les e-mails des comptes partent par ce relais. TLS est obligatoire, sauf vers un relais sur cet ordinateur. Le mot de passe est conservé dans le trousseau du système.',
  'settings.assistanceAddress': "Adresse de l'assistance (destinataire des demandes)",
  'settings.fromAddress': "Adresse d'expédition",
  'settings.host': 'Serveur relais',
  'settings.port': 'Port',
  'settings.security': 'Sécurité',
  'security.tls': 'TLS (port 465)',
  'security.starttls': 'STARTTLS (port 587)',
  'security.none': 'Aucune (seulement vers cet ordinateur)',
  'settings.user': "Nom d'utilisateur (vide : sans authentification)",
  'settings.password': 'Mot de passe',
  'settings.password.keep': 'Un mot de passe est enregistré : laissez vide pour le garder.',
  'settings.maxMessageMb': "Taille maximale d'un message pour le relais (Mo)",
  'settings.save': 'Enregistrer',
  'settings.saved': 'Réglages enregistrés.',
  'settings.test': 'Envoyer un e-mail de test',
  'settings.testTo': 'Envoyer un e-mail de test à',
  'settings.testSent': "Le relais a accepté l'e-mail de test.",
  'settings.testFailed': "Le relais a refusé l'e-mail de test : {reason}",
  'settings.backup': 'Sauvegardes de ce poste',
  'settings.backup.intro':
    "L'application sauvegarde ses données à chaque démarrage et chaque jour, et garde les sept dernières sauvegardes. Sauvegardez maintenant avant un changement important, comme un import de l'annuaire.",
  'settings.backup.now': 'Sauvegarder maintenant',
  'settings.backup.taken':
    'Sauvegarde faite le {at} (entreprises : {companies}, comptes : {accounts}, demandes : {requests}). Sauvegardes gardées sur ce poste : {kept}.',

  'error.purpose.required': "Choisissez l'objet de votre demande.",
  'error.screenshot.trailing-data':
    'L’image contient des données après sa fin : capturez-la ou enregistrez-la à nouveau.',
  'error.screenshot.active-content':
    'Une capture d’écran doit être une image PNG ou JPEG (son contenu est vérifié, pas son nom).',
  'error.screenshot.type': 'Une capture doit être une image PNG ou JPEG (son contenu est vérifié, pas son nom).',
  'error.screenshot.too-large':
    'La capture est trop lourde pour le relais de messagerie : recadrez-la, ou enregistrez-la en JPEG.',
  'error.screenshot.empty': "L'image est vide : choisissez-la de nouveau.",
  'error.screenshot.corrupt': "L'image semble endommagée : refaites la capture.",
  'error.screenshot.pixels': "L'image compte trop de pixels : réduisez sa taille.",
  'error.host.format': 'Indiquez un nom de serveur comme smtp.exemple.com.',
  'error.port.format': 'Un port est un nombre de 1 à 65535.',
  'error.security.tls-required':
    'TLS est obligatoire vers un relais sur un autre ordinateur : choisissez TLS ou STARTTLS.',
  'error.mail.not-configured': "Enregistrez d'abord les réglages de messagerie.",
  'error.reference.unknown': 'Aucune demande avec cette référence sur ce poste.',
};
