import { Module } from '@nestjs/common';
import { CommunityDirectoryRepository } from './community-directory.repository';

@Module({
  providers: [CommunityDirectoryRepository],
  exports: [CommunityDirectoryRepository],
})
export class DirectoryModule {}
