import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@notify/security';
import { DeliveryLogQueryDto, UserParams } from './dto/delivery-log.query.dto';
import { DeliveryLogPageResponse } from './dto/delivery-log.response.dto';
import { DeliveryLogService } from './delivery-log.service';

@ApiTags('deliveries')
@Controller('users/:userId/deliveries')
export class DeliveryLogController {
  constructor(private readonly log: DeliveryLogService) {}

  @Get()
  @ApiOperation({
    summary: 'What was sent, skipped (and why) or failed for a user, with the causing event',
    description:
      'The user themselves or a platform service. Newest first, paginated with `limit` and the `nextCursor` of the ' +
      'previous page.',
  })
  @ApiOkResponse({ type: DeliveryLogPageResponse })
  @ApiBadRequestResponse({ description: 'A parameter is invalid; `errors` names each one' })
  @ApiForbiddenResponse({ description: 'The caller is another user' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param() { userId }: UserParams,
    @Query() query: DeliveryLogQueryDto,
  ): Promise<DeliveryLogPageResponse> {
    return DeliveryLogPageResponse.from(await this.log.list(principal, userId, query.limit, query.cursor));
  }
}
