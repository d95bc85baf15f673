// English: the reference dictionary. Its wording follows the portal's own welcome page; the
// other offered languages provide every key (test/unit/languages.test.ts).
import { enAccounts } from './en-accounts';
import { enHelp } from './en-help';
import { enDesk } from './en-desk';
import { enDelivery } from './en-delivery';

export const en = {
  ...enAccounts,
  ...enHelp,
  ...enDesk,
  ...enDelivery,
  'app.title': 'B2B Portal',
  'app.skip': 'Skip to content',
  'app.demo': 'Demo data',
  'app.demoHint': 'This workstation shows a fictional demo directory.',
  'app.secretsInFile': 'Secrets kept in a protected file: no system keychain',
  'app.secretsInFile.option': 'Secrets kept in a protected file (--password-store file)',
  'app.secretsNowhere': 'No secret can be kept on this workstation',
  'app.language': 'Language',
  'app.menu': 'Menu',
  'app.menu.agent': 'Assistance agent',
  'app.nav': 'Main',
  'app.nav.home': 'Home',
  'app.nav.access': 'Get access',
  'app.noToken': 'Open the address printed by "npm run web": it carries the access key for this session.',
  'app.unavailable': 'The portal engine does not answer. What you typed is kept: try again in a moment.',

  'demo.title': 'This workstation shows demo data',
  'demo.body':
    'Its directory is fictional: four companies, to see what the analysis tells in each situation. Choose a COFOR to analyse it:',
  'demo.try.open': 'access open: log in, or ask your PLSA for a login',
  'demo.try.not-requested': 'access never requested: the form to declare the legal representative and the PLSA',
  'demo.try.requested': 'access requested 5 days ago, waiting for validation',
  'demo.try.deactivated': 'deactivated company: ask purchasing for the new COFOR',
  'demo.logins':
    'Demo logins of company A10001: V100001 (PLSA), V100002 (user) and V100003 (blocked user). Any other COFOR is unknown.',
  'demo.close': 'Got it: hide this',
  'demo.closeHint': 'The menu shows it again.',
  'demo.showAgain': 'Show the demo help again',

  'nav.about': 'About',
  'about.title': 'About B2B Portal',
  'about.intro':
    "The B2B Portal app: present your company, get access to the car maker's B2B portal and log in, with help from the portal assistance.",
  'about.version': 'Version',
  'about.runsAs': 'Runs as',
  'about.mode.desktop': 'the desktop app',
  'about.mode.web': 'the browser host of this computer (the same app, in a browser)',
  'about.licence': 'Licence',
  'about.licence.text':
    'Proprietary software of the car maker, for its suppliers and its portal assistance: no licence to copy or pass it on is granted. The open-source parts it is built with (Electron, Svelte, SQLite and others) keep their own licences.',
  'about.assistance': 'Portal assistance',
  'about.assistance.form':
    'Write to the assistance with the Help & Contact form; My requests then shows what happens to your request.',
  'about.assistance.address': 'E-mail of the assistance set on this workstation: {address}',
  'about.dataDir': 'Data folder',
  'about.dataDir.hint':
    'Where this workstation keeps its data: the local store, the drafts and the daily backups. An assistance agent backs it up from Settings.',
  'home.title': 'Discover the B2B Portal!',
  'home.intro':
    'Three stages take your company from its first presentation to the private area of each of your colleagues. All stages and prerequisites are listed below.',
  'home.stage': 'Stage {n}',
  'home.present.title': 'Present your company in the Supplier Database',
  'home.present.body':
    'Your company sends its file: D-U-N-S number, legal name, registration and tax numbers, head-office address, a contact e-mail and a document proving its legal existence. Purchasing decides whether the company is referenced; a referenced company receives a COFOR.',
  'home.present.needs': 'You need: your D-U-N-S number and a trade-register extract (PDF, PNG or JPEG).',
  'home.present.action': 'Present your company',
  'home.access.title': 'Get access to B2B portal',
  'home.access.body':
    'To carry out this stage, you must have a COFOR for your company. Fill in your COFOR and the site code (optional), then click on "Start analysis": according to the stages already passed, you are proposed the relevant information and forms.',
  'home.access.needs': 'You need: your company COFOR. Your company names its legal representative and its PLSA.',
  'home.access.action': 'Get access',
  'home.login.title': 'Login to your private area',
  'home.login.body':
    'Your company should have opened access to B2B portal, and you must have a login for the B2B Portal (it starts with V). This login is PERSONAL.',
  'home.login.needs': "You need: a personal login, handed out by your company's PLSA.",

  'access.title': 'Get access to B2B portal',
  'access.intro':
    'To send your request, fill in your COFOR and the site code (optional), then click on "Start analysis". The COFOR is mandatory.',
  'access.cofor': 'COFOR',
  'access.cofor.hint': '6 letters or digits, for example A1B2C3. The full form A1B2C3  01 is understood too.',
  'access.site': 'Site code',
  'access.site.hint': '2 letters or digits. Leave it empty to analyse the head office.',
  'access.start': 'Start analysis',
  'access.frieze': 'All stages and prerequisites',
  'access.frieze.hint':
    'Start the analysis: it tells which of these stages your company has passed, and which form comes next.',
  'access.running': 'Analysing…',
  'access.unknownCofor': 'I do not know my company COFOR',
  'access.result': 'Result for COFOR {cofor}',
  'access.resultSite': 'Result for COFOR {cofor}, site {site}',
  'access.resultCompany': '{name}',
  'access.notice.site-head-office-only':
    "Access to the B2B portal opens for the head-office COFOR only. Site {site} is covered by its company's access: the result below is for the head office.",
  'access.notice.unknown-site':
    'Site code {site} is not registered for this company. Check the code, or leave it empty: the result below is for the head office.',

  'stage.present': 'Present your company in the Supplier Database',
  'stage.access': 'Get access to B2B portal',
  'stage.login': 'Login to your private area',
  'status.done': 'Done',
  'status.action': 'Action needed',
  'status.waiting': 'Waiting',
  'status.locked': 'Not yet available',
  'info.check-typing': 'This COFOR is unknown. Check it for a typing error: it is 6 letters or digits.',
  'info.not-in-database':
    'If the COFOR is right, your company may not be in the Supplier Database yet: present your company first, or ask the assistance to check its status.',
  'info.deactivated':
    'This company is deactivated: after a major change (name, legal status) a new company was created, with a new D-U-N-S number and a new COFOR.',
  'info.ask-purchasing': 'Ask your usual purchasing contact for the new COFOR, or start a new file.',
  'info.name-two-people':
    'Your company has not asked for access yet. It names two people: its legal representative, who accepts the General Terms of Use on its behalf, and its PLSA, who will hand out personal logins.',
  'info.waiting-validation':
    'Your access request was received on {date} ({days} days ago). It is waiting for validation by the portal: there is nothing more to do for now.',
  'info.waiting-validation-today':
    'Your access request was received today ({date}). It is waiting for validation by the portal: there is nothing more to do for now.',
  'info.personal-login-from-plsa':
    "Your company's access is open. Each person logs in with a personal login (V followed by 6 digits), handed out by your company's PLSA. Ask your PLSA for yours.",
  'info.needs-cofor': 'Available once your company has an active COFOR.',
  'info.needs-open-access': "Available once your company's access to the B2B portal is open.",
  'proposal.login': 'Log in to your private area',
  'proposal.open-area': 'Open my private area',
  'proposal.contact-waiting': 'Contact the assistance about this request',
  'info.signed-in': 'You are logged in as {login}.',
  'form.company-file': 'Present your company',
  'form.cofor-help': 'I do not know my company COFOR',
  'form.access-request': 'Declare the legal representative and the PLSA',

  'forms.submit': 'Submit',
  'files.drop': 'Drop a file here, or',
  'files.choose': 'Choose a file',
  'files.none': 'No file chosen',
  'forms.sending': 'Sending…',
  'forms.required': 'required',
  'forms.optional': 'optional',
  'forms.draftSaved': 'Draft saved',
  'forms.draftRestored': 'Your draft was restored.',
  'forms.fixErrors': 'Some fields need attention: see the messages next to them.',
  'forms.done.title': 'Request saved',
  'forms.done.body': 'Your reference is {reference}. Keep it: the assistance asks for it when you contact them.',
  'forms.done.when': 'Saved on {date}.',
  'forms.done.home': 'Back to the guide',
  'forms.done.analysis': 'Run the analysis again',

  'company.title': 'Present your company in the Supplier Database',
  'company.intro':
    'One file per company, identified by its D-U-N-S number. Once transmitted, Purchasing decides whether your company is referenced.',
  'company.identity': 'Company',
  'company.address': 'Registered head office',
  'company.contact': 'Contact and proof',
  'company.duns': 'D-U-N-S number',
  'company.duns.hint': '9 digits, for example 123456789 or 12-345-6789.',
  'company.legalName': 'Legal name',
  'company.registrationNumber': 'National registration number',
  'company.taxNumber': 'Tax (VAT) number',
  'company.street': 'Street and number',
  'company.postalCode': 'Postal code',
  'company.city': 'City',
  'company.country': 'Country',
  'company.contactEmail': 'Contact e-mail',
  'company.contactEmail.hint': 'It identifies your company during this phase.',
  'company.document': 'Document proving legal existence',
  'company.document.hint': 'Trade-register extract or similar: PDF, PNG or JPEG, 5 MB at most.',
  'company.document.chosen': 'Chosen: {name} ({size})',

  'coforHelp.title': 'I do not know my company COFOR',
  'coforHelp.intro': 'Tell us about your company: the B2B portal assistance looks it up and answers you by e-mail.',
  'coforHelp.companyName': 'Company name',
  'coforHelp.country': 'Country',
  'coforHelp.address': 'Address',
  'coforHelp.dunsOrTaxNumber': 'D-U-N-S or tax number, if known',
  'coforHelp.contactName': 'Your name',
  'coforHelp.email': 'Your e-mail',
  'coforHelp.phone': 'Your phone',
  'coforHelp.message': 'Message',
  'coforHelp.contact': 'Your contact details',

  'accessRequest.title': 'Declare the legal representative and the PLSA',
  'accessRequest.intro':
    'Your company names its legal representative, who accepts the General Terms of Use on its behalf, and its PLSA (Partner Logic and Security Administrator), who hands out personal logins to colleagues.',
  'accessRequest.cofor': 'COFOR',
  'accessRequest.legalRepresentative': 'Legal representative',
  'accessRequest.plsa': 'PLSA',
  'person.fullName': 'Full name',
  'person.jobTitle': 'Function',
  'person.email': 'Business e-mail',
  'person.phone': 'Phone',
  'accessRequest.terms': 'General Terms of Use',
  'accessRequest.termsVersion': 'Version {version}',
  'accessRequest.termsAccepted':
    'As legal representative, I accept the General Terms of Use (version {version}) on behalf of my company.',
  'accessRequest.samePerson': 'The legal representative is also the PLSA: I confirm that one person holds both roles.',
  'accessRequest.samePersonHint': 'The two people have the same name or e-mail.',

  'error.required': 'This field is required.',
  'error.too-long': 'This is too long: shorten it.',
  'error.text.nul':
    'This text holds an invisible control character (NUL) that cannot be sent: delete it, or retype the text.',
  'error.text.lone-surrogate':
    'This text holds a broken character (often from a copy and paste): retype it, or paste it again as plain text.',
  'error.text.too-deep': 'This value is nested too deeply to be sent: simplify it.',
  'error.invalid': 'This value is not accepted: check it.',
  'error.invalid-type': 'This value is not accepted: check it.',
  'error.unknown-field': 'This field is not expected.',
  'error.email.format': 'Enter an e-mail address such as name@company.com.',
  'error.phone.format':
    'Enter a phone number with digits only, optionally starting with + (for example +33 1 23 45 67 89).',
  'error.country.format': 'Choose a country from the list.',
  'error.duns.format': 'A D-U-N-S number has 9 digits (dashes and spaces are ignored).',
  'error.duns.taken':
    "A Supplier Database file already exists for this D-U-N-S number. If your company's details changed, contact the assistance.",
  'error.email.taken':
    'This e-mail already identifies a Supplier Database file: use another contact e-mail, or contact the assistance.',
  'error.cofor.empty': "The COFOR is mandatory: type the 6 letters or digits of your company's code.",
  'error.cofor.format':
    'A COFOR is 6 letters or digits (for example A1B2C3), optionally followed by a 2-character site code (A1B2C3  01).',
  'error.cofor.unknown': 'No company has this COFOR: run the analysis again to check it.',
  'error.site.format': 'A site code is 2 letters or digits (for example 01). Leave it empty for the head office.',
  'error.site.conflict': 'The COFOR already ends with a different site code: keep only one of them.',
  'error.company.deactivated': 'This company is deactivated: ask your purchasing contact for its new COFOR.',
  'error.access.already-requested': 'Access was already requested for this company: it is waiting for validation.',
  'error.access.already-open': 'Access is already open for this company: ask your PLSA for a personal login.',
  'error.terms.required': 'The legal representative must accept the General Terms of Use.',
  'error.terms.outdated':
    'The General Terms of Use changed while you were filling in the form: read the new version and accept it again.',
  'error.same-person.confirm':
    'The legal representative and the PLSA look like the same person: confirm it, or name another PLSA.',
  'error.document.active-content':
    'The PDF contains active content (scripts, links to web pages or files, actions, embedded files): print it to a new PDF or scan it, then choose it again.',
  'error.document.trailing-data':
    'The file carries extra data after its end: export or save it again, then choose it again.',
  'error.document.empty': 'The file is empty: choose the document again.',
  'error.document.too-large': 'The file is larger than 5 MB: scan it at a lower resolution or export a smaller PDF.',
  'error.document.type': "Only PDF, PNG or JPEG documents are accepted (the file's content was checked, not its name).",
  'error.document.corrupt': 'The file looks damaged or incomplete: export it again.',
  'error.document.pixels': 'The image is too large in pixels: reduce its resolution.',
  'error.payload-too-large': 'The request is too large: use a smaller document.',
  'error.generic': 'Something went wrong on our side. What you typed is kept: try again, or contact the assistance.',
} as const;

export type MessageKey = keyof typeof en;
