// The only place secrets go: the OS keychain (Secret Service, Keychain, Credential Manager),
// behind this small port. When it is missing, callers get a typed error and carry on without
// it; nothing ever falls back to writing a secret in a file.

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<boolean>;
  keys(): Promise<string[]>;
}

export class SecretStoreUnavailable extends Error {
  constructor(cause: unknown) {
    super(
      `The system keychain is not available (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}).`,
    );
    this.name = 'SecretStoreUnavailable';
  }
}
