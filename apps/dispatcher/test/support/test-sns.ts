import { execFileSync } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:ses-events';

export interface SnsFields {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature?: string;
  SigningCertURL: string;
  Subject?: string;
  Token?: string;
  SubscribeURL?: string;
}

/**
 * A stand-in for SNS: a key and self-signed certificate made at test time, served with the confirmation URL by a
 * local https server; only the test configuration trusts it (as CA) and allows its host.
 */
export class TestSns {
  private constructor(
    readonly confirmations: string[],
    private readonly dir: string,
    private readonly server: Server,
    private readonly key: string,
    readonly host: string,
  ) {}

  static async start(): Promise<TestSns> {
    const dir = mkdtempSync(join(tmpdir(), 'test-sns-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const confirmations: string[] = [];
    const server = createServer({ key, cert }, (request, response) => {
      if (request.url === '/cert.pem') {
        response.end(cert);
        return;
      }
      if (request.url?.startsWith('/confirm')) {
        confirmations.push(request.url);
        response.end('<ConfirmSubscriptionResponse/>');
        return;
      }
      response.statusCode = 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TestSns(
      confirmations,
      dir,
      server,
      key,
      `127.0.0.1:${(server.address() as AddressInfo).port}`,
    );
  }

  get caFile(): string {
    return join(this.dir, 'cert.pem');
  }

  get certificateUrl(): string {
    return `https://${this.host}/cert.pem`;
  }

  /** A signed Notification carrying `sesEvent`; `overrides` apply before signing. */
  notification(sesEvent: object, overrides: Partial<SnsFields> = {}): SnsFields {
    return this.sign({
      Type: 'Notification',
      MessageId: randomUUID(),
      TopicArn: TEST_TOPIC_ARN,
      Message: JSON.stringify(sesEvent),
      Timestamp: new Date().toISOString(),
      SignatureVersion: '2',
      SigningCertURL: this.certificateUrl,
      ...overrides,
    });
  }

  subscriptionConfirmation(overrides: Partial<SnsFields> = {}): SnsFields {
    const token = randomUUID();
    return this.sign({
      Type: 'SubscriptionConfirmation',
      MessageId: randomUUID(),
      TopicArn: TEST_TOPIC_ARN,
      Token: token,
      Message: 'You have chosen to subscribe to the topic.',
      SubscribeURL: `https://${this.host}/confirm?token=${token}`,
      Timestamp: new Date().toISOString(),
      SignatureVersion: '2',
      SigningCertURL: this.certificateUrl,
      ...overrides,
    });
  }

  /** Signs as SNS does: the chosen fields in order, each `name\nvalue\n`. */
  sign(fields: SnsFields): SnsFields {
    const names =
      fields.Type === 'Notification'
        ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
        : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
    const text = names
      .filter((name) => fields[name as keyof SnsFields] !== undefined)
      .map((name) => `${name}\n${fields[name as keyof SnsFields]}\n`)
      .join('');
    const signer = createSign(fields.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
    signer.update(text, 'utf8');
    return { ...fields, Signature: signer.sign(this.key, 'base64') };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** An SES event as SES publishes it to SNS. */
export function sesEvent(
  eventType: string,
  messageId: string,
  recipient: string,
  detail: object = {},
): object {
  return {
    eventType,
    mail: { messageId, timestamp: new Date().toISOString(), destination: [recipient], tags: {} },
    ...detail,
  };
}
