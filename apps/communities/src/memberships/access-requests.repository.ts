import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import type { Decision } from '../shared/decision';
import { AccessRequest } from '../entities/access-request.entity';

const PENDING_REQUEST_INDEX = 'ux_access_requests_pending';

export class PendingAccessRequestExistsError extends Error {
  constructor(
    readonly communityId: string,
    readonly userId: string,
  ) {
    super(`User ${userId} already has a pending access request for community ${communityId}`);
    this.name = 'PendingAccessRequestExistsError';
  }
}

@Injectable()
export class AccessRequestsRepository {
  /** @throws PendingAccessRequestExistsError when the user already waits for a decision. */
  async create(
    tx: EntityManager,
    communityId: string,
    userId: string,
    message: string | null,
  ): Promise<AccessRequest> {
    try {
      const inserted = await tx.insert(AccessRequest, {
        communityId,
        userId,
        message,
        status: 'pending',
        requestedAt: new Date(),
      });
      const id = (inserted.identifiers[0] as Pick<AccessRequest, 'id'>).id;
      return await tx.findOneOrFail(AccessRequest, { where: { id } });
    } catch (error) {
      if (isUniqueViolation(error, PENDING_REQUEST_INDEX)) {
        throw new PendingAccessRequestExistsError(communityId, userId);
      }
      throw error;
    }
  }

  async findById(tx: EntityManager, id: string): Promise<AccessRequest | null> {
    return tx.findOne(AccessRequest, { where: { id } });
  }

  /** Records the decision only while the request is pending; `null` when it was not pending (or is unknown). */
  async decide(tx: EntityManager, id: string, decision: Decision): Promise<AccessRequest | null> {
    const result = await tx
      .createQueryBuilder()
      .update(AccessRequest)
      .set(decision)
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return result.affected ? this.findById(tx, id) : null;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
