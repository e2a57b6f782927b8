import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PublicationRoute } from '@notify/contracts';
import { Content } from '../entities/content.entity';

export interface ContentDraft {
  communityId: string;
  authorId: string;
  title: string;
  url: string;
  excerpt: string | null;
  publishedVia: PublicationRoute;
  submissionId: string | null;
}

@Injectable()
export class ContentsRepository {
  async publish(tx: EntityManager, draft: ContentDraft): Promise<Content> {
    const inserted = await tx.insert(Content, { ...draft, publishedAt: new Date() });
    const id = (inserted.identifiers[0] as Pick<Content, 'id'>).id;
    return tx.findOneOrFail(Content, { where: { id } });
  }
}
