import { Module } from '@nestjs/common';
import { RetentionRepository } from './retention.repository';
import { RetentionJob } from './retention.service';

/** Deletes the delivery log and empties event payloads past their configured ages. */
@Module({ providers: [RetentionRepository, RetentionJob], exports: [RetentionJob] })
export class RetentionModule {}
