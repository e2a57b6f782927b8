import { ForbiddenException } from '@nestjs/common';

export const SNS_MESSAGE_TYPES = [
  'Notification',
  'SubscriptionConfirmation',
  'UnsubscribeConfirmation',
] as const;
export type SnsMessageType = (typeof SNS_MESSAGE_TYPES)[number];

/** An SNS HTTP(S) delivery, as posted to the endpoint. */
export interface SnsMessage {
  Type: SnsMessageType;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  Token?: string;
  SubscribeURL?: string;
}

/** Refused: 403, and nothing is written. The reason goes to the log and metrics, never to the caller. */
export class SnsRefusal extends ForbiddenException {
  constructor(readonly reason: string) {
    super('The SNS message is not accepted');
  }
}

const REQUIRED = [
  'Type',
  'MessageId',
  'TopicArn',
  'Message',
  'Timestamp',
  'SignatureVersion',
  'Signature',
  'SigningCertURL',
] as const;
const OPTIONAL = ['Subject', 'Token', 'SubscribeURL'] as const;

/** Reads the posted body (SNS sends JSON as text/plain); a message without its signature fields is refused. */
export function parseSnsMessage(body: unknown): SnsMessage {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      throw new SnsRefusal('not-json');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SnsRefusal('not-an-sns-message');
  }
  const fields = value as Record<string, unknown>;
  for (const name of [...REQUIRED, ...OPTIONAL]) {
    const field = fields[name];
    const missing = field === undefined && (REQUIRED as readonly string[]).includes(name);
    if (missing || (field !== undefined && typeof field !== 'string')) {
      throw new SnsRefusal(name === 'Signature' || name === 'SigningCertURL' ? 'unsigned' : `no-${name}`);
    }
  }
  if (!(SNS_MESSAGE_TYPES as readonly unknown[]).includes(fields.Type)) {
    throw new SnsRefusal('unknown-type');
  }
  return fields as unknown as SnsMessage;
}

/** The text SNS signs: chosen fields in a fixed order, each as `name\nvalue\n`. */
export function stringToSign(message: SnsMessage): string {
  const names =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return names
    .map((name) => [name, message[name as keyof SnsMessage]] as const)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}\n${value}\n`)
    .join('');
}
