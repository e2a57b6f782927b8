import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@notify/security';
import { QueuePageResponse } from './dto/queue-page.response.dto';
import { QueueQueryDto } from './dto/queue-query.dto';
import { QueueService } from './queue.service';

@ApiTags('queue')
@Controller('moderation/queue')
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Get()
  @ApiOperation({
    summary: 'Pending access requests and submissions',
    description:
      'Of the communities the caller moderates; a platform service sees every community. Oldest first, ' +
      'paginated with `limit` and the `nextCursor` of the previous page.',
  })
  @ApiOkResponse({ type: QueuePageResponse })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; `errors` names each one' })
  async pending(
    @CurrentPrincipal() principal: Principal,
    @Query() query: QueueQueryDto,
  ): Promise<QueuePageResponse> {
    return QueuePageResponse.from(await this.queue.pending(principal, query));
  }
}
