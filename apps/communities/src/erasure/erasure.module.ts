import { Module } from '@nestjs/common';
import { UserDeletedConsumer } from './user-deleted.consumer';
import { UserErasureRepository } from './user-erasure.repository';

/** Erases users deleted from the platform (`platform.user.deleted`). */
@Module({ controllers: [UserDeletedConsumer], providers: [UserErasureRepository] })
export class ErasureModule {}
