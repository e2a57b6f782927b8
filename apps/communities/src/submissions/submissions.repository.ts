import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Decision } from '../shared/decision';
import { Submission } from '../entities/submission.entity';

export interface SubmissionDraft {
  communityId: string;
  authorId: string;
  title: string;
  url: string;
  excerpt: string | null;
}

@Injectable()
export class SubmissionsRepository {
  async create(tx: EntityManager, draft: SubmissionDraft): Promise<Submission> {
    const inserted = await tx.insert(Submission, { ...draft, status: 'pending', submittedAt: new Date() });
    const id = (inserted.identifiers[0] as Pick<Submission, 'id'>).id;
    return tx.findOneOrFail(Submission, { where: { id } });
  }

  async findById(tx: EntityManager, id: string): Promise<Submission | null> {
    return tx.findOne(Submission, { where: { id } });
  }

  /** Records the decision only while the submission is pending; `null` when it was not pending (or is unknown). */
  async decide(tx: EntityManager, id: string, decision: Decision): Promise<Submission | null> {
    const result = await tx
      .createQueryBuilder()
      .update(Submission)
      .set(decision)
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return result.affected ? this.findById(tx, id) : null;
  }
}
