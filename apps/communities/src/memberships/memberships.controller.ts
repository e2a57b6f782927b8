import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RateLimit } from '@notify/rate-limit';
import { CurrentPrincipal, type Principal } from '@notify/security';
import type { Response } from 'express';
import { CommunityParams, MemberParams } from '../shared/params.dto';
import { JoinCommunityDto } from './dto/join-community.dto';
import { JoinResponse } from './dto/join.response.dto';
import { MembershipsService } from './memberships.service';

@ApiTags('memberships')
@ApiBadRequestResponse({ description: 'A field is missing or invalid; `errors` names each one' })
@ApiNotFoundResponse({ description: 'No such community (or, on removal, no such member)' })
@Controller('communities/:id')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post('join')
  @RateLimit('join')
  @ApiOperation({
    summary: 'Join a community',
    description:
      'Open community: the user becomes a member at once (201). Restricted community: an access request ' +
      'goes to the moderators (202). A user joins only for themselves; a platform service for anyone.',
  })
  @ApiCreatedResponse({ type: JoinResponse, description: 'Member of an open community' })
  @ApiAcceptedResponse({ type: JoinResponse, description: 'Access request waiting for a moderator' })
  @ApiForbiddenResponse({ description: 'The caller acts for another user' })
  @ApiConflictResponse({ description: 'Already a member, or an access request is already pending' })
  async join(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CommunityParams,
    @Body() body: JoinCommunityDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JoinResponse> {
    const outcome = await this.memberships.join(principal, params.id, body.userId, body.message);
    response.status(outcome.status === 'member' ? HttpStatus.CREATED : HttpStatus.ACCEPTED);
    return JoinResponse.from(outcome);
  }

  @Delete('members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Leave a community, or remove a member',
    description: 'The member themselves leaves; a moderator of the community or a platform service removes.',
  })
  @ApiNoContentResponse({ description: 'The membership ended' })
  @ApiForbiddenResponse({
    description: 'The caller is not the member, a moderator of the community or a service',
  })
  async remove(@CurrentPrincipal() principal: Principal, @Param() params: MemberParams): Promise<void> {
    await this.memberships.remove(principal, params.id, params.userId);
  }
}
