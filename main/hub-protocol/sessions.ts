// What the hub answers a login on a linked workstation: a person's hub session (their account
// as the hub has it), or an assistance agent's enrolment of a desk workstation.

export interface HubSession {
  session: string;
  mustChangePassword: boolean;
  expiresAt: string;
  account: {
    login: string;
    fullName: string;
    email: string;
    role: 'user' | 'plsa';
    cofor: string;
    companyName: string;
  };
}

export interface HubAgent {
  username: string;
  fullName: string;
  email: string;
}

export interface Enrolment {
  deviceId: string;
  token: string;
  agent: HubAgent;
}
