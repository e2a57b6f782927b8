import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ServiceOnlyGuard } from '@notify/security';
import { RunRemindersDto, RunRemindersResponse } from './dto/run-reminders.dto';
import { SentReminderResponse, SentRemindersQueryDto, SentRemindersResponse } from './dto/sent-reminders.dto';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@UseGuards(ServiceOnlyGuard)
@Controller('moderation/reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Post('run')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Emit the reminders due at an instant (operations and tests)',
    description: 'Platform services only. Each pending item is reminded once, whatever the number of runs.',
  })
  @ApiOkResponse({ type: RunRemindersResponse })
  @ApiBadRequestResponse({ description: '`at` is not an RFC 3339 date-time' })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  async run(@Body() body: RunRemindersDto): Promise<RunRemindersResponse> {
    return {
      reminded: await this.reminders.remindDue(body.at === undefined ? undefined : new Date(body.at)),
    };
  }

  @Get()
  @ApiOperation({
    summary: 'The reminders sent in a community, latest first (platform services only: support tooling)',
    description: 'One per access request or submission left pending too long, decided ones included.',
  })
  @ApiOkResponse({ type: SentRemindersResponse })
  @ApiBadRequestResponse({ description: '`communityId` is missing or `limit` is out of range' })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  @ApiNotFoundResponse({ description: 'Neither the community nor any item of it is known to moderation' })
  async sent(@Query() query: SentRemindersQueryDto): Promise<SentRemindersResponse> {
    const { items, more } = await this.reminders.sentIn(query.communityId, query.limit);
    return { items: items.map((item) => SentReminderResponse.from(item)), more };
  }
}
