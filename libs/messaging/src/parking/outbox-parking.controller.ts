import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ServiceOnlyGuard } from '@notify/security';
import {
  ParkedRowParams,
  ParkedRowRetriedDto,
  ParkedRowsPageDto,
  ParkedRowsQueryDto,
} from './parked-rows.dto';
import { ParkedRowsService } from './parked-rows.service';

/** Served by every service with an outbox: the rows Kafka could not take, and their retry. */
@ApiTags('operations')
@UseGuards(ServiceOnlyGuard)
@Controller('ops/outbox/parked')
export class OutboxParkingController {
  constructor(private readonly parked: ParkedRowsService) {}

  @Get()
  @ApiOperation({
    summary: 'List parked outbox rows and dead-letter copies, oldest first',
    description: 'Platform services only. The payload stays in the table; see docs/operations.md.',
  })
  @ApiOkResponse({ type: ParkedRowsPageDto })
  @ApiBadRequestResponse({ description: '`limit` or `cursor` is invalid' })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  list(@Query() query: ParkedRowsQueryDto): Promise<ParkedRowsPageDto> {
    return this.parked.list(query.limit, query.cursor);
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Send a parked row again',
    description: 'Platform services only. An outbox row moves back to the end of the outbox.',
  })
  @ApiOkResponse({ type: ParkedRowRetriedDto })
  @ApiBadRequestResponse({ description: '`id` is not a row id' })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  @ApiNotFoundResponse({ description: 'No parked row has this id' })
  @ApiConflictResponse({ description: 'Kafka refused the dead-letter copy again; it stays parked' })
  retry(@Param() params: ParkedRowParams): Promise<ParkedRowRetriedDto> {
    return this.parked.retry(params.id);
  }
}
