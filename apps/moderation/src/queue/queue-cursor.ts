import { PENDING_ITEM_KINDS, type PendingItemKind } from '@notify/contracts';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Position after the last item of a page, in queue order (pending since, kind, id). */
export interface QueuePosition {
  pendingSince: Date;
  kind: PendingItemKind;
  id: string;
}

export function encodeCursor(position: QueuePosition): string {
  const { pendingSince, kind, id } = position;
  return Buffer.from(JSON.stringify([pendingSince.toISOString(), kind, id])).toString('base64url');
}

/** `undefined` when the text is not a cursor this service issued. */
export function decodeCursor(text: string): QueuePosition | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) {
      return undefined;
    }
    const [since, kind, id] = parsed as unknown[];
    const pendingSince = typeof since === 'string' ? new Date(since) : undefined;
    if (!pendingSince || Number.isNaN(pendingSince.getTime()) || !isKind(kind) || typeof id !== 'string') {
      return undefined;
    }
    return { pendingSince, kind, id };
  } catch {
    return undefined;
  }
}

function isKind(value: unknown): value is PendingItemKind {
  return (PENDING_ITEM_KINDS as readonly unknown[]).includes(value);
}

export function IsQueueCursor(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isQueueCursor',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a nextCursor returned by a previous page', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && decodeCursor(value) !== undefined,
      },
    });
}
