import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ServiceOnlyGuard } from '@notify/security';
import { MembershipsRepository, type UserMembership } from './memberships.repository';

@ApiTags('read models')
@UseGuards(ServiceOnlyGuard)
@Controller('users/:userId/memberships')
export class UserMembershipsController {
  constructor(private readonly memberships: MembershipsRepository) {}

  @Get()
  @ApiOperation({
    summary: 'The communities a user joined or left, as the dispatcher knows them (support tooling)',
  })
  @ApiOkResponse({
    description: '`{items: [{communityId, communityName, state: joined | left, changedAt}]}`',
  })
  @ApiForbiddenResponse({ description: 'Not a platform-service token' })
  async list(@Param('userId') userId: string): Promise<{ items: UserMembership[] }> {
    return { items: await this.memberships.ofUser(userId) };
  }
}
