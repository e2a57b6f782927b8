import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ServiceOnlyGuard } from '@notify/security';
import { DigestRunner } from './digest-runner.service';
import { DigestRunResponse, RunDigestsDto } from './dto/run-digests.dto';

@ApiTags('digests')
@UseGuards(ServiceOnlyGuard)
@Controller('digests')
export class DigestsController {
  constructor(private readonly runner: DigestRunner) {}

  @Post('run')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Build and send the digests due at an instant (operations and tests)',
    description:
      'Platform services only. A user gets at most one digest per kind and period, whatever the number of runs.',
  })
  @ApiOkResponse({ type: DigestRunResponse })
  @ApiBadRequestResponse({ description: '`at` is not an RFC 3339 date-time' })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  async run(@Body() body: RunDigestsDto): Promise<DigestRunResponse> {
    return DigestRunResponse.from(
      await this.runner.run(body.at === undefined ? new Date() : new Date(body.at)),
    );
  }
}
