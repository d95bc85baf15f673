import type { enAccounts } from './en-accounts';

// Français : connexion, récupération, espace privé et console PLSA.
export const frAccounts: Record<keyof typeof enAccounts, string> = {
  'nav.login': 'Se connecter',
  'nav.account': 'Mon espace privé',
  'nav.console': 'Console PLSA',
  'nav.logout': 'Se déconnecter',

  'login.title': 'Connectez-vous à votre espace privé',
  'login.intro':
    'Votre entreprise doit avoir ouvert son accès au portail B2B, et il vous faut votre identifiant personnel du portail B2B : il commence par V. Cet identifiant est PERSONNEL : ne le partagez jamais.',
  'login.login': 'Identifiant',
  'login.login.hint': 'V suivi de 6 chiffres, par exemple V123456.',
  'login.password': 'Mot de passe',
  'login.show': 'Afficher le mot de passe',
  'login.remember': 'Se souvenir de moi sur ce poste',
  'login.remember.hint':
    'Conservé dans le trousseau du système, ou scellé dans un fichier protégé à défaut. À éviter sur un ordinateur partagé.',
  'login.submit': 'Se connecter',
  'login.sending': 'Vérification…',
  'login.lost': 'Mot de passe perdu / Identifiant perdu / Accès bloqué ?',
  'login.remembered': 'Mémorisé sur ce poste',
  'login.continueAs': 'Continuer en tant que {login}',
  'login.forget': 'Oublier {login}',
  'login.forgotten': "{login} n'est plus mémorisé sur ce poste.",
  'login.rememberProblem':
    "Vous êtes connecté, mais le trousseau du système n'est pas disponible : vous ne serez pas mémorisé sur ce poste.",
  'login.keychainUnavailable':
    "Le trousseau du système n'est pas disponible : rien ne peut être mémorisé ni oublié sur ce poste pour l'instant.",
  'login.error.invalid-credentials':
    "L'identifiant ou le mot de passe n'est pas bon, ou l'accès est bloqué. Vérifiez-les, ou utilisez « Mot de passe perdu / Identifiant perdu / Accès bloqué ? ».",
  'login.error.too-many-attempts':
    "Trop d'essais infructueux pour cet identifiant à partir d'ici. Attendez {wait}, puis réessayez.",
  'login.error.account-blocked':
    'Votre accès est bloqué. Demandez à votre PLSA de le débloquer, ou utilisez le formulaire Accès bloqué.',
  'login.error.access-not-open':
    "L'accès de votre entreprise au portail B2B n'est pas encore ouvert : lancez l'analyse de son COFOR pour voir la suite.",
  'login.error.needs-hub':
    "La connexion a besoin du hub du portail, que ce poste ne peut pas joindre pour l'instant. Vérifiez la connexion réseau, puis réessayez ; l'analyse, les formulaires et Mes demandes fonctionnent en attendant.",
  'login.error.needs-hub.agent':
    "La connexion a besoin du hub du portail, que ce poste ne peut pas joindre pour l'instant. Un agent de l'assistance qui s'est connecté ici via le hub dans les 12 dernières heures peut se connecter avec le même mot de passe en attendant ; sinon, vérifiez la connexion réseau et réessayez.",
  'login.error.unauthenticated': "Vous n'êtes plus mémorisé sur ce poste : connectez-vous avec votre mot de passe.",
  'login.sessionEnded': 'Votre session a pris fin : reconnectez-vous.',
  'login.error.forbidden': 'Seul un PLSA de votre entreprise peut faire cela.',

  'loginHelp.title': 'Je ne peux pas me connecter',
  'loginHelp.link': 'Je ne peux pas me connecter : quel formulaire choisir ?',
  'loginHelp.intro':
    'Répondez à une ou deux questions : le guide indique le formulaire qui convient et remplit ce que vous avez déjà saisi. Il fonctionne sans réseau.',
  'loginHelp.question.start': "Qu'est-ce qui vous empêche de vous connecter ?",
  'loginHelp.question.password':
    "Êtes-vous le PLSA de votre entreprise (l'administrateur qui attribue identifiants et nouveaux mots de passe) ?",
  'loginHelp.answer.username': 'Je ne connais pas mon identifiant',
  'loginHelp.answer.password': "J'ai oublié mon mot de passe",
  'loginHelp.answer.blocked': 'Mon accès est bloqué',
  'loginHelp.answer.find-plsa': 'Je ne sais pas qui est le PLSA de mon entreprise',
  'loginHelp.answer.not-open': "L'accès de mon entreprise au portail n'est pas encore ouvert",
  'loginHelp.answer.deactivated': 'Le COFOR de mon entreprise est désactivé',
  'loginHelp.answer.i-am-plsa': 'Oui, je suis le PLSA',
  'loginHelp.answer.i-am-user': 'Non, je suis un utilisateur',
  'loginHelp.answer.not-sure': 'Je ne sais pas',
  'loginHelp.leaf.username':
    "Le formulaire « Identifiant oublié ? » envoie vos identifiants à l'adresse enregistrée pour eux, saisie exactement comme enregistrée.",
  'loginHelp.leaf.password-plsa':
    'En tant que PLSA, vous recevez un mot de passe temporaire par e-mail : indiquez votre identifiant, votre e-mail enregistré et le COFOR de votre entreprise.',
  'loginHelp.leaf.password-user':
    "Le nouveau mot de passe d'un utilisateur vient du PLSA de l'entreprise. Le formulaire « Qui est mon PLSA ? » vous indique par e-mail de qui il s'agit.",
  'loginHelp.leaf.blocked':
    "Le formulaire « Accès bloqué ? » prévient vos PLSA et l'assistance du portail ; votre PLSA peut débloquer votre accès.",
  'loginHelp.leaf.find-plsa':
    "Le formulaire « Qui est mon PLSA ? » vous envoie les PLSA de votre entreprise, à l'adresse enregistrée pour votre identifiant.",
  'loginHelp.leaf.not-open':
    "Les identifiants fonctionnent une fois l'accès de votre entreprise ouvert. L'analyse de son COFOR indique l'étape suivante.",
  'loginHelp.leaf.deactivated':
    "Un COFOR désactivé ne peut pas ouvrir l'accès au portail : demandez à l'assistance du portail, depuis Aide & Contact.",
  'loginHelp.go.username': 'Ouvrir « Identifiant oublié ? »',
  'loginHelp.go.password-plsa': 'Ouvrir « Mot de passe oublié ? »',
  'loginHelp.go.password-user': 'Ouvrir « Qui est mon PLSA ? »',
  'loginHelp.go.blocked': 'Ouvrir « Accès bloqué ? »',
  'loginHelp.go.find-plsa': 'Ouvrir « Qui est mon PLSA ? »',
  'loginHelp.go.not-open': "Lancer l'analyse de mon COFOR",
  'loginHelp.go.deactivated': "Demander à l'assistance",
  'loginHelp.answer.plsa-left': "Notre PLSA est parti, et personne ne peut remettre d'identifiants",
  'loginHelp.leaf.plsa-left':
    "Sans PLSA, l'assistance du portail en nomme un nouveau sur confirmation de votre représentant légal : envoyez la demande « Remplacer notre PLSA » depuis Aide & Contact.",
  'loginHelp.go.plsa-left': 'Demander un nouveau PLSA',
  'loginHelp.known': 'Rempli pour vous : {login}.',
  'loginHelp.again': 'Recommencer',
  'recovery.title': 'Mot de passe perdu / Identifiant perdu / Accès bloqué ?',
  'recovery.intro':
    'Ces formulaires ne servent que pour les identifiants B2B (commençant par V), pas pour la présentation de votre entreprise.',
  'recovery.emailRule':
    'Votre adresse e-mail doit correspondre exactement à celle enregistrée pour votre identifiant B2B. Respectez les majuscules et minuscules.',
  'recovery.tabs': 'Formulaires de récupération',
  'recovery.secretsUnavailable':
    'Aucun mot de passe temporaire ne peut être conservé en sécurité sur ce poste (ni le trousseau du système ni son fichier protégé ne répondent) : rien n’a été envoyé. Demandez à l’assistance du portail via Aide & Contact, ou utilisez un autre poste.',
  'recovery.username': 'Identifiant oublié ?',
  'recovery.password': 'Mot de passe oublié ?',
  'recovery.plsa': 'Qui est mon PLSA ?',
  'recovery.blocked': 'Accès bloqué ?',
  'recovery.username.intro':
    "Indiquez l'adresse e-mail enregistrée pour votre identifiant : votre ou vos identifiants y seront envoyés.",
  'recovery.password.intro':
    'PLSA : indiquez votre identifiant et votre COFOR pour recevoir un mot de passe temporaire par e-mail. Utilisateur : votre nouveau mot de passe doit vous être fourni par votre PLSA.',
  'recovery.plsa.intro':
    'Si vous ne savez pas qui sont vos PLSA, remplissez ce formulaire : leurs noms et e-mails vous sont envoyés, pour les contacter directement.',
  'recovery.blocked.intro':
    "Dites-nous ce qui s'est passé : votre demande est envoyée aux PLSA de votre entreprise et à l'assistance.",
  'recovery.email': 'E-mail enregistré pour votre identifiant',
  'recovery.login': 'Identifiant',
  'recovery.cofor': 'COFOR de votre entreprise',
  'recovery.cofor.hint':
    'Pour un PLSA seulement : identifiant et COFOR ensemble donnent droit à un mot de passe temporaire.',
  'recovery.loginOrCofor': 'Votre identifiant ou le COFOR de votre entreprise',
  'recovery.message': "Que s'est-il passé ?",
  'recovery.caseWarning':
    "Cette adresse ne diffère d'un e-mail utilisé sur ce poste que par des majuscules/minuscules ou des espaces. L'e-mail doit correspondre exactement : vérifiez-le avant d'envoyer.",
  'recovery.done.username':
    'Si cette adresse e-mail est enregistrée pour un identifiant B2B, le ou les identifiants y seront envoyés.',
  'recovery.done.password':
    "Si ces informations sont celles d'un PLSA, un mot de passe temporaire sera envoyé à l'e-mail enregistré : il ne sert qu'une fois, sous 24 heures. Si vous êtes utilisateur, votre nouveau mot de passe vient du PLSA de votre entreprise.",
  'recovery.done.plsa':
    'Si les informations correspondent, les noms et e-mails des PLSA de votre entreprise seront envoyés à cette adresse e-mail.',
  'recovery.done.blocked':
    "Si les informations correspondent, votre demande sera envoyée aux PLSA de votre entreprise et à l'assistance. Ils vous répondent par e-mail.",
  'recovery.again': 'Faire une autre demande',
  'recovery.findPlsa': 'Trouver mon PLSA',

  'account.title': 'Mon espace privé',
  'account.mine': 'Mon compte',
  'account.login': 'Identifiant',
  'account.email': "E-mail tel qu'enregistré",
  'account.role': 'Rôle',
  'role.user': 'Utilisateur',
  'role.plsa': 'PLSA (administrateur)',
  'account.company': 'Mon entreprise',
  'account.plsas': 'Mes PLSA',
  'account.plsas.intro': 'Demandez-leur identifiants et nouveaux mots de passe.',
  'account.forgetMe': "M'oublier sur ce poste",
  'account.openConsole': 'Ouvrir la console PLSA',

  'password.title': 'Changer mon mot de passe',
  'password.forcedTitle': 'Choisissez un nouveau mot de passe',
  'password.forcedIntro':
    'Vous vous êtes connecté avec un mot de passe temporaire. Choisissez votre propre mot de passe pour continuer.',
  'password.current': 'Mot de passe actuel',
  'password.new': 'Nouveau mot de passe',
  'password.confirm': 'Nouveau mot de passe, encore',
  'password.rules':
    'Au moins 15 caractères : quelques mots sans rapport font un mot de passe solide et facile à taper. Pas besoin de chiffres ni de symboles. Ni votre identifiant, ni le nom de votre entreprise, ni celui du portail.',
  'password.submit': 'Changer mon mot de passe',
  'password.changed':
    'Votre mot de passe a été changé. Vos autres sessions ont été fermées et un avis sera envoyé à votre e-mail.',
  'password.mismatch': 'Les deux nouveaux mots de passe diffèrent : tapez deux fois le même.',

  'console.title': 'Console PLSA',
  'console.intro':
    'Les identifiants B2B de {company} ({cofor}). Vous attribuez identifiants personnels et nouveaux mots de passe à vos collègues.',
  'console.singlePlsa':
    "Votre entreprise n'a qu'un seul PLSA. Désignez un suppléant (créez un compte avec le rôle PLSA), pour que personne ne reste bloqué en votre absence.",
  'console.throughHub':
    'Ce poste est relié au hub du portail, qui détient les comptes de votre entreprise : ce que vous faites ici est fait sur le hub, qui doit donc être joignable.',
  'console.needsHub':
    "La console a besoin du hub du portail, qui détient les comptes de votre entreprise, et ce poste ne peut pas le joindre pour l'instant. Vérifiez la connexion réseau, puis réessayez.",
  'console.accounts': 'Comptes',
  'console.col.login': 'Identifiant',
  'console.col.name': 'Nom',
  'console.col.email': 'E-mail',
  'console.col.role': 'Rôle',
  'console.col.state': 'État',
  'console.col.lastLogin': 'Dernière connexion',
  'console.col.actions': 'Actions',
  'console.never': 'jamais',
  'console.ownAccount': 'Votre propre compte : changez votre mot de passe dans votre espace privé.',
  'state.active': 'Actif',
  'state.blocked': 'Bloqué',
  'state.deactivated': 'Désactivé',
  'console.reset': 'Réinitialiser le mot de passe',
  'console.confirmReset': 'Confirmer : nouveau mot de passe pour {login}',
  'console.unblock': 'Débloquer',
  'console.deactivate': 'Désactiver',
  'console.confirmDeactivate': 'Confirmer : désactiver {login}',
  'console.create': 'Créer un compte',
  'console.create.name': 'Nom complet',
  'console.create.email': 'E-mail professionnel',
  'console.create.role': 'Rôle',
  'console.create.submit': 'Créer le compte',
  'console.create.confirm': 'Le créer quand même',
  'console.temp.title': 'Mot de passe temporaire de {login}',
  'console.temp.body':
    "Remettez-le vous-même à son titulaire : il n'est affiché que maintenant. Il ne sert qu'une fois, jusqu'au {date}, puis son titulaire choisit un nouveau mot de passe.",
  'console.temp.copy': 'Copier',
  'console.temp.copied': 'Copié. Le presse-papiers sera vidé dans 60 secondes.',
  'console.temp.copyFailed': 'La copie a échoué : sélectionnez le mot de passe et copiez-le à la main.',
  'console.temp.done': 'Terminé : le masquer',
  'console.done.unblocked': '{login} est débloqué.',
  'console.done.deactivated': '{login} est désactivé.',
  'console.audit': 'Événements des comptes',
  'console.audit.empty':
    "Aucun événement pour l'instant. Les créations de comptes, réinitialisations de mot de passe, déblocages et désactivations de votre entreprise sont listés ici.",
  'console.audit.when': 'Quand',
  'console.audit.who': 'Qui',
  'console.audit.what': 'Quoi',
  'console.audit.whom': 'Compte',
  'audit.password-reset': 'mot de passe réinitialisé',
  'audit.account-unblocked': 'débloqué',
  'audit.account-deactivated': 'désactivé',
  'audit.plsa-handover-offered': 'rôle de PLSA transmis, réponse attendue',
  'audit.plsa-handover-withdrawn': 'transmission du rôle de PLSA retirée',
  'audit.plsa-handover-accepted': "rôle de PLSA repris (l'ancien PLSA désactivé)",
  'audit.plsa-handover-declined': 'transmission du rôle de PLSA refusée',
  'audit.access-review-opened': 'revue des accès ouverte',
  'audit.access-review-confirmed': 'revue des accès : travaille toujours ici',
  'audit.access-review-left': "revue des accès : a quitté l'entreprise (désactivé)",
  'audit.access-review-blocked': 'revue des accès : non confirmé à temps (bloqué)',
  'audit.access-review-closed': 'revue des accès close',
  'audit.access-review-interval': 'fréquence de la revue des accès modifiée',
  'audit.access-review-exported': 'revue des accès exportée',
  'review.title': 'Revue des accès',
  'review.open':
    "Confirmez, compte par compte, qui travaille toujours pour votre entreprise, avant le {date}. Les comptes non confirmés d'ici là sont bloqués (pas supprimés) et leurs titulaires prévenus.",
  'review.closed': 'Dernière revue close le {date}. La suivante ouvre {days} jours après son ouverture.',
  'review.col.answer': 'Réponse',
  'review.answer.none': 'pas encore de réponse',
  'review.byPortal': 'à la fin de la revue',
  'review.answer.confirmed': 'travaille toujours ici',
  'review.answer.left': 'parti : désactivé',
  'review.answer.blocked-unconfirmed': 'non confirmé à temps : bloqué',
  'review.confirm': 'Travaille toujours ici',
  'review.left': 'Est parti',
  'review.done.confirmed': '{login} confirmé.',
  'review.done.left': '{login} est parti : le compte est désactivé.',
  'review.done.days': 'Revue désormais tous les {days} jours.',
  'review.export.csv': 'Exporter (CSV)',
  'review.export.pdf': 'Exporter (PDF)',
  'review.days': 'Revue tous les (jours)',
  'review.days.hint': '30 à 365 jours ; 90 par défaut.',
  'review.days.save': 'Enregistrer',
  'error.review.closed': 'Cette revue est close : la suivante ouvrira le moment venu.',
  'error.review.answered': 'Ce compte a déjà reçu une réponse dans cette revue.',
  'error.review.days-range': 'Choisissez de 30 à 365 jours.',
  'error.review.unknown': "Votre entreprise n'a pas de revue avec ce numéro.",
  'account.singlePlsa':
    "Vous êtes le seul PLSA de votre entreprise : si vous êtes absent ou partez, personne ne peut remettre d'identifiants ni de nouveaux mots de passe. Nommez un suppléant (un compte avec le rôle PLSA) dans la console.",
  'handover.title': 'Vous partez ? Transmettez votre rôle de PLSA',
  'handover.intro':
    "Désignez le collègue qui reprend le rôle. Vous restez PLSA jusqu'à ce qu'il accepte à sa prochaine connexion ; il devient alors PLSA et votre compte est désactivé : l'entreprise n'est jamais sans PLSA.",
  'handover.successor': 'Collègue qui reprend le rôle',
  'handover.choose': 'Choisissez un collègue',
  'handover.chooseFirst': 'Choisissez le collègue qui reprend le rôle, puis appuyez sur Transmettre.',
  'handover.submit': 'Transmettre',
  'handover.nobody':
    "Aucun autre compte actif pour l'instant : créez-en un pour votre successeur (ci-dessus), puis transmettez-lui le rôle.",
  'handover.offered':
    "Transmission envoyée à {name} ({login}) : elle prend effet quand il l'accepte à sa prochaine connexion.",
  'handover.waitingSince':
    "Votre transmission à {name} ({login}) attend sa réponse depuis le {date}. Vous restez PLSA jusqu'à ce qu'il accepte.",
  'handover.waiting':
    "Votre transmission à {name} ({login}) attend sa réponse. Vous restez PLSA jusqu'à ce qu'il accepte.",
  'handover.withdraw': 'Retirer la transmission',
  'handover.withdrawn': 'Transmission retirée : vous restez PLSA.',
  'handover.offer.title': 'On vous demande de devenir PLSA',
  'handover.offer.text':
    '{name} ({login}), PLSA de votre entreprise, part et vous demande de reprendre son rôle depuis le {date}. En tant que PLSA, vous remettez les identifiants et les nouveaux mots de passe à vos collègues. Si vous acceptez, vous êtes PLSA immédiatement et son compte prend fin.',
  'handover.accept': 'Accepter : devenir PLSA',
  'handover.decline': 'Refuser',
  'handover.accepted': 'Vous êtes désormais le PLSA de votre entreprise : la console vous est ouverte.',
  'handover.declined': "Refusé : le PLSA qui vous l'a demandé reste PLSA et peut désigner quelqu'un d'autre.",
  'error.handover.none': "Aucune transmission n'attend de réponse : elle a été traitée ou retirée.",
  'error.handover.self': 'Désignez un collègue : vous ne pouvez pas vous transmettre le rôle.',
  'error.handover.not-active': 'Transmettez le rôle à un compte actif.',
  'error.handover.pending': "Votre transmission attend déjà une réponse : retirez-la d'abord.",
  'audit.account-created': 'compte créé',
  'audit.temporary-password-issued': 'mot de passe temporaire émis',
  'audit.temporary-password-used': 'mot de passe temporaire utilisé',
  'audit.password-changed': 'mot de passe changé',
  'audit.blocked-after-failed-logins': 'bloqué après des échecs de connexion',
  'audit.recovery': 'demande de récupération',

  'error.login.format': 'Un identifiant est la lettre V suivie de 6 chiffres (par exemple V123456).',
  'error.password.too-short': 'Utilisez au moins 15 caractères : quelques mots suffisent.',
  'error.password.too-long': 'Utilisez au plus 128 caractères.',
  'error.password.common': 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.',
  'error.password.context':
    "N'utilisez ni votre identifiant, ni le nom de votre entreprise, ni celui du portail dans votre mot de passe.",
  'error.password.repetitive': "C'est un petit motif répété : choisissez quelque chose de moins prévisible.",
  'error.password.same': "C'est votre mot de passe actuel : choisissez-en un nouveau.",
  'error.password.current-wrong': "Le mot de passe actuel n'est pas bon.",
  'error.login-or-cofor.format': 'Indiquez un identifiant (V123456) ou un COFOR (A1B2C3).',
  'error.account.duplicate-name': "Un collègue porte déjà ce nom : vérifiez qu'il ne s'agit pas de la même personne.",
  'error.account.duplicate-email':
    "Un collègue utilise déjà cet e-mail : vérifiez qu'il ne s'agit pas de la même personne.",
  'error.account.self': 'Vous ne pouvez pas faire cela sur votre propre compte.',
  'error.account.not-blocked': "Ce compte n'est pas bloqué.",
  'error.account.deactivated': 'Ce compte est désactivé.',
  'error.login.not-in-company': 'Aucun compte avec cet identifiant dans votre entreprise.',
};
