import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CommunityModerator } from '../entities/community-moderator.entity';
import type { CommunityVisibility } from '@notify/contracts';
import { Community } from '../entities/community.entity';

export interface ModeratorDraft {
  userId: string;
  displayName: string;
  contactEmail: string;
}

export interface CommunityDraft {
  name: string;
  visibility: CommunityVisibility;
  moderated: boolean;
  confidential: boolean;
  moderators: ModeratorDraft[];
}

export type CommunityChanges = Partial<Omit<CommunityDraft, 'moderators'>>;

/** Settings to change; `moderators`, when given, replaces the whole list. */
export type CommunityUpdate = Partial<CommunityDraft>;

@Injectable()
export class CommunitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, draft: CommunityDraft): Promise<Community> {
    const { moderators, ...fields } = draft;
    const inserted = await tx.insert(Community, fields);
    const id = (inserted.identifiers[0] as Pick<Community, 'id'>).id;
    await this.insertModerators(tx, id, moderators);
    return this.require(tx, id);
  }

  /** Loads a community with its moderators; `lock` serialises concurrent updates of the same community. */
  async findById(
    id: string,
    options: { tx?: EntityManager; lock?: boolean } = {},
  ): Promise<Community | null> {
    const manager = options.tx ?? this.dataSource.manager;
    if (options.lock) {
      const locked = await manager.findOne(Community, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!locked) {
        return null;
      }
    }
    return manager.findOne(Community, {
      where: { id },
      relations: { moderators: true },
      order: { moderators: { userId: 'ASC' } },
    });
  }

  async isModerator(communityId: string, userId: string, tx?: EntityManager): Promise<boolean> {
    return (tx ?? this.dataSource.manager).exists(CommunityModerator, { where: { communityId, userId } });
  }

  async update(tx: EntityManager, id: string, changes: CommunityChanges): Promise<void> {
    await tx.update(Community, { id }, { ...changes, updatedAt: new Date() });
  }

  async replaceModerators(tx: EntityManager, id: string, moderators: ModeratorDraft[]): Promise<void> {
    await tx.delete(CommunityModerator, { communityId: id });
    await this.insertModerators(tx, id, moderators);
  }

  async require(tx: EntityManager, id: string): Promise<Community> {
    const community = await this.findById(id, { tx });
    if (!community) {
      throw new Error(`Community ${id} vanished inside its own transaction`);
    }
    return community;
  }

  private async insertModerators(
    tx: EntityManager,
    communityId: string,
    moderators: ModeratorDraft[],
  ): Promise<void> {
    if (moderators.length > 0) {
      await tx.insert(
        CommunityModerator,
        moderators.map((moderator) => ({ ...moderator, communityId })),
      );
    }
  }
}
