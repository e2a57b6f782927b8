import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@notify/security';
import { SesEventsService, type SesEventsOutcome } from './ses-events.service';

@ApiTags('ses')
@Controller('ses/events')
export class SesEventsController {
  constructor(private readonly sesEvents: SesEventsService) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'SES event notifications delivered by Amazon SNS',
    description:
      'No bearer token: a message is accepted only with a valid SNS signature (SignatureVersion 1 or 2) from an ' +
      'allow-listed certificate host, from a configured topic, recent, and not seen before. Subscription ' +
      'confirmations of configured topics are confirmed. Each SES event becomes one feedback event per recipient.',
  })
  @ApiConsumes('text/plain', 'application/json')
  @ApiOkResponse({ description: 'Accepted; `events` feedback events were recorded' })
  @ApiBadRequestResponse({ description: 'A signed message that carries no SES event' })
  @ApiForbiddenResponse({
    description: 'Unsigned, forged, stale, replayed or from a topic that is not configured',
  })
  receive(@Body() body: unknown): Promise<SesEventsOutcome> {
    return this.sesEvents.receive(body);
  }
}
