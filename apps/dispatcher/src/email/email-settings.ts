/** Sending configuration, bound from the dispatcher's configuration. AWS credentials come from the default provider chain. */
export interface EmailSettings {
  /** From header, e.g. `"Public Buyers Community" <no-reply@buyers.example.eu>`. */
  fromAddress: string;
  region: string;
  /** SES API endpoint; unset, the SDK resolves the regional AWS endpoint (the emulator only locally and in tests). */
  endpoint?: string;
  /** Emails per second; when unset, read from the account (GetAccount), else a conservative default. */
  maxSendRate?: number;
  /** SES calls in flight at once. */
  maxConcurrency: number;
  /** Most emails in one SES call: emails waiting for a call leave together in a SendBulkEmail; 1 is SendEmail only. */
  bulkSize: number;
  /** Attempts per email for throttling, 5xx and network failures (first try included). */
  maxAttempts: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** How long sending stays paused after SES reports sending paused or the account suspended. */
  pauseCooldownMs: number;
  /** Longest one SES call may take, connection included; it then fails with a `TimeoutError` (transient). */
  requestTimeoutMs: number;
  /** Longest the connection to SES may take. */
  connectTimeoutMs: number;
  /** SES configuration set whose event destinations publish bounces and complaints. */
  configurationSetName?: string;
  /** ARN of the verified identity that authorises the From address (sending authorisation). */
  fromIdentityArn?: string;
}

export const EMAIL_SETTINGS = Symbol('EMAIL_SETTINGS');

/** SES's production default; used when neither configuration nor the account says otherwise. */
export const DEFAULT_SEND_RATE = 14;
