import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ServiceOnlyGuard } from '@notify/security';
import { RunRemindersDto, RunRemindersResponse } from './dto/run-reminders.dto';
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
}
