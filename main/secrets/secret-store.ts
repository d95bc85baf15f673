// The only place secrets go, behind this small port: the OS keychain (Secret Service, Keychain,
// Credential Manager) or, where none answers, the protected file (file-store.ts; choose-store.ts
// decides which). When neither can keep a secret, callers get a typed error and say so on screen;
// nothing ever falls back to writing a secret in clear.

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<boolean>;
  keys(): Promise<string[]>;
}

export class SecretStoreUnavailable extends Error {
  constructor(cause: unknown, message?: string) {
    super(
      message ??
        `The system keychain is not available (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}).`,
    );
    this.name = 'SecretStoreUnavailable';
  }
}
