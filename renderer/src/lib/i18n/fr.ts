import type { MessageKey } from './en';
import { frAccounts } from './fr-accounts';
import { frHelp } from './fr-help';
import { frDesk } from './fr-desk';
import { frDelivery } from './fr-delivery';

// Français : complet (le type l'exige), dans les termes du portail.
export const fr: Record<MessageKey, string> = {
  ...frAccounts,
  ...frHelp,
  ...frDesk,
  ...frDelivery,
  'app.title': 'Portail B2B',
  'app.skip': 'Aller au contenu',
  'app.demo': 'Données de démonstration',
  'app.demoHint': 'Ce poste affiche un annuaire de démonstration fictif.',
  'app.secretsInFile': 'Secrets conservés dans un fichier protégé : pas de trousseau système',
  'app.secretsInFile.option': 'Secrets conservés dans un fichier protégé (--password-store file)',
  'app.secretsNowhere': 'Aucun secret ne peut être conservé sur ce poste',
  'app.language': 'Langue',
  'app.menu': 'Menu',
  'app.menu.agent': "Agent de l'assistance",
  'app.nav': 'Principal',
  'app.nav.home': 'Accueil',
  'app.nav.access': "Obtenir l'accès",
  'app.noToken': "Ouvrez l'adresse affichée par « npm run web » : elle porte la clé d'accès de cette session.",
  'app.unavailable': 'Le moteur du portail ne répond pas. Votre saisie est conservée : réessayez dans un instant.',

  'demo.title': 'Ce poste affiche des données de démonstration',
  'demo.body':
    "Son annuaire est fictif : quatre entreprises, pour voir ce que l'analyse indique dans chaque situation. Choisissez un COFOR pour l'analyser :",
  'demo.try.open': 'accès ouvert : connectez-vous, ou demandez un identifiant à votre PLSA',
  'demo.try.not-requested': 'accès jamais demandé : le formulaire qui déclare le représentant légal et le PLSA',
  'demo.try.requested': 'accès demandé il y a 5 jours, en attente de validation',
  'demo.try.deactivated': 'entreprise désactivée : demandez le nouveau COFOR aux Achats',
  'demo.logins':
    "Identifiants de démonstration de l'entreprise A10001 : V100001 (PLSA), V100002 (utilisateur) et V100003 (utilisateur bloqué). Tout autre COFOR est inconnu.",
  'demo.close': 'Compris : masquer',
  'demo.closeHint': 'Le menu la réaffiche.',
  'demo.showAgain': "Réafficher l'aide de démonstration",

  'nav.about': 'À propos',
  'about.title': 'À propos du portail B2B',
  'about.intro':
    "L'application du portail B2B : présenter votre entreprise, obtenir l'accès au portail B2B du constructeur et vous connecter, avec l'aide de l'assistance du portail.",
  'about.version': 'Version',
  'about.runsAs': 'Fonctionne comme',
  'about.mode.desktop': "l'application de bureau",
  'about.mode.web': "l'hôte navigateur de cet ordinateur (la même application, dans un navigateur)",
  'about.licence': 'Licence',
  'about.licence.text':
    "Logiciel propriétaire du constructeur, pour ses fournisseurs et l'assistance de son portail : aucune licence de copie ni de diffusion n'est accordée. Les composants libres qui le constituent (Electron, Svelte, SQLite et d'autres) gardent leurs propres licences.",
  'about.assistance': 'Assistance du portail',
  'about.assistance.form':
    "Écrivez à l'assistance avec le formulaire Aide & Contact ; Mes demandes montre ensuite ce que devient votre demande.",
  'about.assistance.address': "E-mail de l'assistance réglé sur ce poste : {address}",
  'about.dataDir': 'Dossier des données',
  'about.dataDir.hint':
    "Là où ce poste garde ses données : la base locale, les brouillons et les sauvegardes quotidiennes. Un agent de l'assistance la sauvegarde depuis les Réglages.",
  'home.title': 'Découvrez le portail B2B !',
  'home.intro':
    "Trois étapes mènent votre entreprise de sa première présentation à l'espace privé de chacun de vos collègues. Toutes les étapes et leurs prérequis sont listés ci-dessous.",
  'home.stage': 'Étape {n}',
  'home.present.title': 'Présentez votre entreprise dans la Base Fournisseurs',
  'home.present.body':
    "Votre entreprise envoie son dossier : numéro D-U-N-S, raison sociale, numéros d'immatriculation et de TVA, adresse du siège, e-mail de contact et un justificatif d'existence légale. Les Achats décident du référencement ; une entreprise référencée reçoit un COFOR.",
  'home.present.needs': 'Il vous faut : votre numéro D-U-N-S et un extrait Kbis ou équivalent (PDF, PNG ou JPEG).',
  'home.present.action': 'Présenter votre entreprise',
  'home.access.title': "Obtenez l'accès au portail B2B",
  'home.access.body':
    "Pour réaliser cette étape, votre entreprise doit avoir un COFOR. Saisissez votre COFOR et le code site (facultatif), puis cliquez sur « Lancer l'analyse » : selon les étapes déjà franchies, les informations et formulaires utiles vous sont proposés.",
  'home.access.needs':
    'Il vous faut : le COFOR de votre entreprise. Votre entreprise désigne son représentant légal et son PLSA.',
  'home.access.action': "Obtenir l'accès",
  'home.login.title': 'Connectez-vous à votre espace privé',
  'home.login.body':
    'Votre entreprise doit avoir ouvert son accès au portail B2B, et vous devez avoir un identifiant du portail B2B (il commence par V). Cet identifiant est PERSONNEL.',
  'home.login.needs': 'Il vous faut : un identifiant personnel, attribué par le PLSA de votre entreprise.',

  'access.title': "Obtenez l'accès au portail B2B",
  'access.intro':
    "Pour envoyer votre demande, saisissez votre COFOR et le code site (facultatif), puis cliquez sur « Lancer l'analyse ». Le COFOR est obligatoire.",
  'access.cofor': 'COFOR',
  'access.cofor.hint': '6 lettres ou chiffres, par exemple A1B2C3. La forme complète A1B2C3  01 est aussi comprise.',
  'access.site': 'Code site',
  'access.site.hint': '2 lettres ou chiffres. Laissez vide pour analyser le siège.',
  'access.start': "Lancer l'analyse",
  'access.frieze': 'Toutes les étapes et leurs prérequis',
  'access.frieze.hint':
    "Lancez l'analyse : elle indique les étapes déjà franchies par votre entreprise et le formulaire qui vient ensuite.",
  'access.running': 'Analyse en cours…',
  'access.unknownCofor': 'Je ne connais pas le COFOR de mon entreprise',
  'access.result': 'Résultat pour le COFOR {cofor}',
  'access.resultSite': 'Résultat pour le COFOR {cofor}, site {site}',
  'access.resultCompany': '{name}',
  'access.notice.site-head-office-only':
    "L'accès au portail B2B s'ouvre pour le COFOR du siège uniquement. Le site {site} est couvert par l'accès de son entreprise : le résultat ci-dessous concerne le siège.",
  'access.notice.unknown-site':
    "Le code site {site} n'est pas enregistré pour cette entreprise. Vérifiez-le, ou laissez-le vide : le résultat ci-dessous concerne le siège.",

  'stage.present': 'Présentez votre entreprise dans la Base Fournisseurs',
  'stage.access': "Obtenez l'accès au portail B2B",
  'stage.login': 'Connectez-vous à votre espace privé',
  'status.done': 'Fait',
  'status.action': 'Action requise',
  'status.waiting': 'En attente',
  'status.locked': 'Pas encore disponible',
  'info.check-typing':
    "Ce COFOR est inconnu. Vérifiez qu'il n'y a pas de faute de frappe : il compte 6 lettres ou chiffres.",
  'info.not-in-database':
    "Si le COFOR est juste, votre entreprise n'est peut-être pas encore dans la Base Fournisseurs : présentez d'abord votre entreprise, ou demandez à l'assistance de vérifier son statut.",
  'info.deactivated':
    'Cette entreprise est désactivée : après un changement majeur (raison sociale, forme juridique), une nouvelle entreprise a été créée, avec un nouveau numéro D-U-N-S et un nouveau COFOR.',
  'info.ask-purchasing': 'Demandez le nouveau COFOR à votre contact habituel aux Achats, ou créez un nouveau dossier.',
  'info.name-two-people':
    "Votre entreprise n'a pas encore demandé l'accès. Elle désigne deux personnes : son représentant légal, qui accepte les Conditions générales d'utilisation en son nom, et son PLSA, qui attribuera les identifiants personnels.",
  'info.waiting-validation':
    "Votre demande d'accès a été reçue le {date} (il y a {days} jours). Elle attend la validation du portail : vous n'avez rien d'autre à faire pour l'instant.",
  'info.waiting-validation-today':
    "Votre demande d'accès a été reçue aujourd'hui ({date}). Elle attend la validation du portail : vous n'avez rien d'autre à faire pour l'instant.",
  'info.personal-login-from-plsa':
    "L'accès de votre entreprise est ouvert. Chaque personne se connecte avec un identifiant personnel (V suivi de 6 chiffres), attribué par le PLSA de votre entreprise. Demandez le vôtre à votre PLSA.",
  'info.needs-cofor': 'Disponible dès que votre entreprise a un COFOR actif.',
  'info.needs-open-access': "Disponible dès que l'accès de votre entreprise au portail B2B est ouvert.",
  'proposal.login': 'Se connecter à votre espace privé',
  'proposal.open-area': 'Ouvrir mon espace privé',
  'proposal.contact-waiting': "Contacter l'assistance au sujet de cette demande",
  'info.signed-in': "Vous êtes connecté avec l'identifiant {login}.",
  'form.company-file': 'Présenter votre entreprise',
  'form.cofor-help': 'Je ne connais pas le COFOR de mon entreprise',
  'form.access-request': 'Déclarer le représentant légal et le PLSA',

  'forms.submit': 'Envoyer',
  'files.drop': 'Déposez un fichier ici, ou',
  'files.choose': 'Choisir un fichier',
  'files.none': 'Aucun fichier choisi',
  'forms.sending': 'Envoi…',
  'forms.required': 'obligatoire',
  'forms.optional': 'facultatif',
  'forms.draftSaved': 'Brouillon enregistré',
  'forms.draftRestored': 'Votre brouillon a été restauré.',
  'forms.fixErrors': "Certains champs sont à corriger : voyez les messages à côté d'eux.",
  'forms.done.title': 'Demande enregistrée',
  'forms.done.body':
    "Votre référence est {reference}. Conservez-la : l'assistance vous la demandera si vous la contactez.",
  'forms.done.when': 'Enregistrée le {date}.',
  'forms.done.home': 'Retour au guide',
  'forms.done.analysis': "Relancer l'analyse",

  'company.title': 'Présentez votre entreprise dans la Base Fournisseurs',
  'company.intro':
    'Un dossier par entreprise, identifié par son numéro D-U-N-S. Une fois transmis, les Achats décident du référencement de votre entreprise.',
  'company.identity': 'Entreprise',
  'company.address': 'Siège social',
  'company.contact': 'Contact et justificatif',
  'company.duns': 'Numéro D-U-N-S',
  'company.duns.hint': '9 chiffres, par exemple 123456789 ou 12-345-6789.',
  'company.legalName': 'Raison sociale',
  'company.registrationNumber': "Numéro d'immatriculation national",
  'company.taxNumber': 'Numéro de TVA',
  'company.street': 'Rue et numéro',
  'company.postalCode': 'Code postal',
  'company.city': 'Ville',
  'company.country': 'Pays',
  'company.contactEmail': 'E-mail de contact',
  'company.contactEmail.hint': 'Il identifie votre entreprise pendant cette phase.',
  'company.document': "Justificatif d'existence légale",
  'company.document.hint': 'Extrait Kbis ou équivalent : PDF, PNG ou JPEG, 5 Mo au plus.',
  'company.document.chosen': 'Choisi : {name} ({size})',

  'coforHelp.title': 'Je ne connais pas le COFOR de mon entreprise',
  'coforHelp.intro': "Décrivez votre entreprise : l'assistance du portail B2B la recherche et vous répond par e-mail.",
  'coforHelp.companyName': "Nom de l'entreprise",
  'coforHelp.country': 'Pays',
  'coforHelp.address': 'Adresse',
  'coforHelp.dunsOrTaxNumber': 'Numéro D-U-N-S ou de TVA, si vous le connaissez',
  'coforHelp.contactName': 'Votre nom',
  'coforHelp.email': 'Votre e-mail',
  'coforHelp.phone': 'Votre téléphone',
  'coforHelp.message': 'Message',
  'coforHelp.contact': 'Vos coordonnées',

  'accessRequest.title': 'Déclarez le représentant légal et le PLSA',
  'accessRequest.intro':
    "Votre entreprise désigne son représentant légal, qui accepte les Conditions générales d'utilisation en son nom, et son PLSA (Partner Logic and Security Administrator), qui attribue les identifiants personnels à ses collègues.",
  'accessRequest.cofor': 'COFOR',
  'accessRequest.legalRepresentative': 'Représentant légal',
  'accessRequest.plsa': 'PLSA',
  'person.fullName': 'Nom complet',
  'person.jobTitle': 'Fonction',
  'person.email': 'E-mail professionnel',
  'person.phone': 'Téléphone',
  'accessRequest.terms': "Conditions générales d'utilisation",
  'accessRequest.termsVersion': 'Version {version}',
  'accessRequest.termsAccepted':
    "En tant que représentant légal, j'accepte les Conditions générales d'utilisation (version {version}) au nom de mon entreprise.",
  'accessRequest.samePerson':
    "Le représentant légal est aussi le PLSA : je confirme qu'une seule personne tient les deux rôles.",
  'accessRequest.samePersonHint': 'Les deux personnes ont le même nom ou le même e-mail.',

  'error.required': 'Ce champ est obligatoire.',
  'error.too-long': "C'est trop long : raccourcissez.",
  'error.text.nul':
    'Ce texte contient un caractère de contrôle invisible (NUL) qui ne peut pas être envoyé : supprimez-le ou ressaisissez le texte.',
  'error.text.lone-surrogate':
    'Ce texte contient un caractère abîmé (souvent par un copier-coller) : ressaisissez-le ou collez-le à nouveau en texte brut.',
  'error.text.too-deep': 'Cette valeur est trop imbriquée pour être envoyée : simplifiez-la.',
  'error.invalid': "Cette valeur n'est pas acceptée : vérifiez-la.",
  'error.invalid-type': "Cette valeur n'est pas acceptée : vérifiez-la.",
  'error.unknown-field': "Ce champ n'est pas attendu.",
  'error.email.format': 'Saisissez une adresse e-mail comme nom@entreprise.com.',
  'error.phone.format':
    'Saisissez un numéro de téléphone en chiffres, éventuellement précédé de + (par exemple +33 1 23 45 67 89).',
  'error.country.format': 'Choisissez un pays dans la liste.',
  'error.duns.format': 'Un numéro D-U-N-S compte 9 chiffres (tirets et espaces ignorés).',
  'error.duns.taken':
    "Un dossier Base Fournisseurs existe déjà pour ce numéro D-U-N-S. Si les informations de votre entreprise ont changé, contactez l'assistance.",
  'error.email.taken':
    "Cet e-mail identifie déjà un dossier Base Fournisseurs : utilisez un autre e-mail de contact, ou contactez l'assistance.",
  'error.cofor.empty': 'Le COFOR est obligatoire : saisissez les 6 lettres ou chiffres du code de votre entreprise.',
  'error.cofor.format':
    "Un COFOR compte 6 lettres ou chiffres (par exemple A1B2C3), suivis éventuellement d'un code site de 2 caractères (A1B2C3  01).",
  'error.cofor.unknown': "Aucune entreprise n'a ce COFOR : relancez l'analyse pour le vérifier.",
  'error.site.format': 'Un code site compte 2 lettres ou chiffres (par exemple 01). Laissez vide pour le siège.',
  'error.site.conflict': "Le COFOR se termine déjà par un autre code site : n'en gardez qu'un.",
  'error.company.deactivated':
    'Cette entreprise est désactivée : demandez son nouveau COFOR à votre contact aux Achats.',
  'error.access.already-requested':
    "L'accès a déjà été demandé pour cette entreprise : la demande attend sa validation.",
  'error.access.already-open':
    "L'accès est déjà ouvert pour cette entreprise : demandez un identifiant personnel à votre PLSA.",
  'error.terms.required': "Le représentant légal doit accepter les Conditions générales d'utilisation.",
  'error.terms.outdated':
    "Les Conditions générales d'utilisation ont changé pendant votre saisie : lisez la nouvelle version et acceptez-la de nouveau.",
  'error.same-person.confirm':
    'Le représentant légal et le PLSA semblent être la même personne : confirmez-le, ou désignez un autre PLSA.',
  'error.document.active-content':
    'Le PDF contient du contenu actif (scripts, liens vers des pages web ou des fichiers, actions, fichiers joints) : imprimez-le dans un nouveau PDF ou numérisez-le, puis choisissez-le à nouveau.',
  'error.document.trailing-data':
    'Le fichier contient des données après sa fin : exportez-le ou enregistrez-le à nouveau, puis choisissez-le à nouveau.',
  'error.document.empty': 'Le fichier est vide : choisissez de nouveau le document.',
  'error.document.too-large':
    'Le fichier dépasse 5 Mo : numérisez-le à une résolution plus faible ou exportez un PDF plus léger.',
  'error.document.type':
    'Seuls les documents PDF, PNG ou JPEG sont acceptés (le contenu du fichier est vérifié, pas son nom).',
  'error.document.corrupt': 'Le fichier semble endommagé ou incomplet : exportez-le de nouveau.',
  'error.document.pixels': "L'image compte trop de pixels : réduisez sa résolution.",
  'error.payload-too-large': 'La demande est trop volumineuse : utilisez un document plus léger.',
  'error.generic':
    "Un problème est survenu de notre côté. Votre saisie est conservée : réessayez, ou contactez l'assistance.",
};
