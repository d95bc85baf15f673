// The e-mails the portal sends about accounts, in the recipient's language. A secret never
// appears in a composed message: it stays a placeholder until the moment of delivery.

export const SECRET_PLACEHOLDER = '{{secret}}';

export type MailLang = 'en' | 'fr';
export interface Mail {
  subject: string;
  body: string;
}

export const mailLang = (lang: string | undefined): MailLang => (lang === 'fr' ? 'fr' : 'en');

const SIGN = { en: '\n\n-- \nB2B Portal assistance', fr: '\n\n-- \nAssistance du portail B2B' };

export const mails = {
  loginsReminder(lang: MailLang, logins: string[]): Mail {
    return lang === 'fr'
      ? {
          subject: 'Vos identifiants du portail B2B',
          body: `Identifiant(s) du portail B2B enregistré(s) pour cette adresse e-mail :\n\n${logins.map((l) => `  ${l}`).join('\n')}\n\nSi vous n'avez rien demandé, ignorez ce message.${SIGN.fr}`,
        }
      : {
          subject: 'Your B2B Portal login',
          body: `B2B Portal login(s) registered for this e-mail address:\n\n${logins.map((l) => `  ${l}`).join('\n')}\n\nIf you did not ask for this, ignore this message.${SIGN.en}`,
        };
  },
  temporaryPassword(lang: MailLang, login: string, expiresAt: string): Mail {
    return lang === 'fr'
      ? {
          subject: `Mot de passe temporaire pour ${login}`,
          body: `Voici le mot de passe temporaire de l'identifiant ${login} :\n\n  ${SECRET_PLACEHOLDER}\n\nIl ne sert qu'une fois et expire le ${expiresAt} (UTC). À la connexion, vous choisirez un nouveau mot de passe.\nSi vous n'avez rien demandé, prévenez l'assistance.${SIGN.fr}`,
        }
      : {
          subject: `Temporary password for ${login}`,
          body: `Here is the temporary password of login ${login}:\n\n  ${SECRET_PLACEHOLDER}\n\nIt works once and expires on ${expiresAt} (UTC). When you log in, you choose a new password.\nIf you did not ask for this, tell the assistance.${SIGN.en}`,
        };
  },
  plsaList(lang: MailLang, cofor: string, plsas: Array<{ fullName: string; email: string }>): Mail {
    const lines = plsas.map((p) => `  ${p.fullName} <${p.email}>`).join('\n');
    return lang === 'fr'
      ? {
          subject: `Les PLSA de votre entreprise (${cofor})`,
          body: `Les administrateurs PLSA de votre entreprise sont :\n\n${lines}\n\nContactez-les pour un nouvel identifiant ou un nouveau mot de passe.${SIGN.fr}`,
        }
      : {
          subject: `Your company's PLSAs (${cofor})`,
          body: `Your company's PLSA administrators are:\n\n${lines}\n\nContact them for a new login or a new password.${SIGN.en}`,
        };
  },
  blockedAccess(lang: MailLang, login: string, email: string, message: string): Mail {
    return lang === 'fr'
      ? {
          subject: `Accès bloqué : ${login}`,
          body: `La personne utilisant l'identifiant ${login} (${email}) signale un accès bloqué :\n\n${message}\n\nDébloquez le compte depuis la console PLSA si c'est justifié.${SIGN.fr}`,
        }
      : {
          subject: `Blocked access: ${login}`,
          body: `The person using login ${login} (${email}) reports a blocked access:\n\n${message}\n\nUnblock the account from the PLSA console if that is right.${SIGN.en}`,
        };
  },
  passwordChanged(lang: MailLang, login: string, at: string): Mail {
    return lang === 'fr'
      ? {
          subject: `Mot de passe modifié pour ${login}`,
          body: `Le mot de passe de l'identifiant ${login} a été modifié le ${at} (UTC). Les autres sessions ont été fermées.\nSi ce n'était pas vous, prévenez votre PLSA et l'assistance sans attendre.${SIGN.fr}`,
        }
      : {
          subject: `Password changed for ${login}`,
          body: `The password of login ${login} was changed on ${at} (UTC). Other sessions were ended.\nIf this was not you, tell your PLSA and the assistance at once.${SIGN.en}`,
        };
  },
};
