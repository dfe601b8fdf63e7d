import type * as vscode from 'vscode';

interface StoredKey {
  key: string;
  /** The origin the key was saved for; it is never sent anywhere else. */
  origin: string;
}

/** API keys live only here, in VS Code SecretStorage, bound to the origin they were saved for. */
export class KeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private name(providerId: string) {
    return `switchboard.apiKey.${providerId}`;
  }

  async set(providerId: string, key: string, origin: string): Promise<void> {
    await this.secrets.store(this.name(providerId), JSON.stringify({ key, origin } satisfies StoredKey));
  }

  async delete(providerId: string): Promise<void> {
    await this.secrets.delete(this.name(providerId));
  }

  /** The key for this provider if it was saved for `origin`; otherwise undefined. */
  async get(providerId: string, origin: string): Promise<string | undefined> {
    const stored = await this.read(providerId);
    return stored && stored.origin === origin ? stored.key : undefined;
  }

  /** Whether a key exists but was saved for another origin (the base URL changed). */
  async savedForOtherOrigin(providerId: string, origin: string): Promise<string | undefined> {
    const stored = await this.read(providerId);
    return stored && stored.origin !== origin ? stored.origin : undefined;
  }

  readonly onDidChange = (listener: () => void) => this.secrets.onDidChange(() => listener());

  private async read(providerId: string): Promise<StoredKey | undefined> {
    const raw = await this.secrets.get(this.name(providerId));
    if (!raw) return undefined;
    try {
      const v = JSON.parse(raw) as Partial<StoredKey>;
      return typeof v.key === 'string' && typeof v.origin === 'string' ? (v as StoredKey) : undefined;
    } catch {
      return undefined;
    }
  }
}
