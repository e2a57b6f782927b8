import { createHmac } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DispatcherConfig } from '../config/dispatcher.config';
import { UserErasureRepository } from './user-erasure.repository';

/** Erases a deleted user; the delivery log keeps their rows under a keyed pseudonym that cannot be reversed. */
@Injectable()
export class UserErasure {
  private readonly logger = new Logger(UserErasure.name);

  constructor(
    private readonly config: DispatcherConfig,
    private readonly repository: UserErasureRepository,
  ) {}

  async erase(userId: string, tx: EntityManager): Promise<void> {
    await this.repository.erase(tx, userId, this.pseudonymOf(userId));
    this.logger.log({ msg: 'user erased', pseudonym: this.pseudonymOf(userId) });
  }

  /** Stable per user, so the log of one erased user still reads as one person; keyed by the first signing key. */
  pseudonymOf(userId: string): string {
    const [key] = this.config.UNSUBSCRIBE_SIGNING_KEYS;
    return `erased-${createHmac('sha256', key.secret).update(`erasure:${userId}`).digest('hex').slice(0, 32)}`;
  }
}
