import { Body, Controller, HttpStatus, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RateLimit } from '@notify/rate-limit';
import { CurrentPrincipal, type Principal } from '@notify/security';
import type { Response } from 'express';
import { CommunityParams } from '../shared/params.dto';
import { CreateSubmissionDto } from './dto/create-submission.dto';
import { SubmissionResponse } from './dto/submission.response.dto';
import { SubmissionsService } from './submissions.service';

@ApiTags('submissions')
@Controller('communities/:id/submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post()
  @RateLimit('submit')
  @ApiOperation({
    summary: 'Submit content to a community',
    description:
      'In a moderated community the submission waits for a moderator (202); otherwise the content is ' +
      'published at once (201). The author must be a member and acts only for themselves.',
  })
  @ApiCreatedResponse({ type: SubmissionResponse, description: 'Published at once' })
  @ApiAcceptedResponse({ type: SubmissionResponse, description: 'Waiting for a moderator' })
  @ApiBadRequestResponse({ description: 'A field is missing or invalid; `errors` names each one' })
  @ApiForbiddenResponse({ description: 'The caller acts for another user, or the author is not a member' })
  @ApiNotFoundResponse({ description: 'No such community' })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CommunityParams,
    @Body() body: CreateSubmissionDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubmissionResponse> {
    const outcome = await this.submissions.submit(principal, {
      ...body,
      communityId: params.id,
      excerpt: body.excerpt ?? null,
    });
    response.status(outcome.status === 'published' ? HttpStatus.CREATED : HttpStatus.ACCEPTED);
    return SubmissionResponse.from(outcome);
  }
}
