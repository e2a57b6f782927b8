import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@notify/security';
import { DecisionsService } from './decisions.service';
import { ApproveDto, ItemParams, RejectDto } from './dto/decision.dto';
import { DecisionResponse } from './dto/decision.response.dto';

@ApiTags('decisions')
@ApiOkResponse({ type: DecisionResponse })
@ApiBadRequestResponse({ description: 'A field is missing or invalid; `errors` names each one' })
@ApiForbiddenResponse({
  description:
    "The caller (the token's `sub`, even with the service role) is not a moderator of the item's community",
})
@ApiNotFoundResponse({ description: 'No such item' })
@ApiConflictResponse({ description: 'The item was already decided' })
@Controller('moderation')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post('access-requests/:id/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve an access request: the user becomes a member' })
  async approveAccessRequest(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ItemParams,
    @Body() body: ApproveDto,
  ): Promise<DecisionResponse> {
    return DecisionResponse.from(
      await this.decisions.decide(principal, 'access-request', params.id, {
        status: 'approved',
        reason: body.reason,
      }),
    );
  }

  @Post('access-requests/:id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Reject an access request with a reason sent to the user' })
  async rejectAccessRequest(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ItemParams,
    @Body() body: RejectDto,
  ): Promise<DecisionResponse> {
    return DecisionResponse.from(
      await this.decisions.decide(principal, 'access-request', params.id, {
        status: 'rejected',
        reason: body.reason,
      }),
    );
  }

  @Post('submissions/:id/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve a submission: the content is published' })
  async approveSubmission(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ItemParams,
    @Body() body: ApproveDto,
  ): Promise<DecisionResponse> {
    return DecisionResponse.from(
      await this.decisions.decide(principal, 'submission', params.id, {
        status: 'approved',
        reason: body.reason,
      }),
    );
  }

  @Post('submissions/:id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Reject a submission with a reason sent to the author' })
  async rejectSubmission(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ItemParams,
    @Body() body: RejectDto,
  ): Promise<DecisionResponse> {
    return DecisionResponse.from(
      await this.decisions.decide(principal, 'submission', params.id, {
        status: 'rejected',
        reason: body.reason,
      }),
    );
  }
}
