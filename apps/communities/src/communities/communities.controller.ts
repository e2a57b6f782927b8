import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@notify/security';
import { CommunityParams } from '../shared/params.dto';
import { CommunitiesService } from './communities.service';
import { CommunityResponse } from './dto/community.response.dto';
import { CreateCommunityDto } from './dto/create-community.dto';
import { UpdateCommunityDto } from './dto/update-community.dto';

@ApiTags('communities')
@ApiBadRequestResponse({ description: 'A field is missing or invalid; `errors` names each one' })
@Controller('communities')
export class CommunitiesController {
  constructor(private readonly communities: CommunitiesService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a community',
    description:
      'A platform action: allowed to a platform-service token or a user token with the `platform-admin` role. ' +
      'The moderators become the first members (joinedVia community-created).',
  })
  @ApiCreatedResponse({ type: CommunityResponse })
  @ApiForbiddenResponse({
    description: 'The caller is neither a platform service nor a platform administrator',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateCommunityDto,
  ): Promise<CommunityResponse> {
    return CommunityResponse.from(await this.communities.create(principal, body));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read a community',
    description:
      'A restricted community is visible only to its members, its moderators and platform services (404 for others).',
  })
  @ApiOkResponse({ type: CommunityResponse })
  @ApiNotFoundResponse({ description: 'No such community, or a restricted community the caller may not see' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CommunityParams,
  ): Promise<CommunityResponse> {
    return CommunityResponse.from(await this.communities.get(principal, params.id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a community',
    description:
      'Settings: its moderators, platform services and platform administrators. `moderators`, when given, ' +
      'replaces the list and is a platform action (platform service or `platform-admin` only); memberships are ' +
      'unchanged (a newly appointed moderator gets moderator alerts without being a member).',
  })
  @ApiOkResponse({ type: CommunityResponse })
  @ApiForbiddenResponse({
    description: 'The caller may not change the community, or changes its moderators without a platform role',
  })
  @ApiNotFoundResponse({ description: 'No such community' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CommunityParams,
    @Body() body: UpdateCommunityDto,
  ): Promise<CommunityResponse> {
    return CommunityResponse.from(await this.communities.update(principal, params.id, body));
  }
}
