import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConsumes,
  ApiGoneResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@notify/security';
import { OneClickUnsubscribeBody, UnsubscribeOutcomeDto, UnsubscribeQuery } from './dto/unsubscribe.dto';
import { HtmlPage } from './html-page.decorator';
import { confirmationPage, outcomePage } from './unsubscribe-pages';
import { UnsubscribeService } from './unsubscribe.service';

const REJECTED =
  'The token is tampered, malformed or signed with an unknown key, or names community activity';
const EXPIRED = 'The token has expired; nothing was changed';

/** The signed token is the only credential of these routes. */
@Public()
@ApiSecurity({})
@ApiTags('unsubscribe')
@ApiBadRequestResponse({ description: REJECTED })
@ApiGoneResponse({ description: EXPIRED })
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'RFC 8058 one-click unsubscribe',
    description:
      'The URL of the List-Unsubscribe header. Sets the token’s category to never; repeating it changes nothing.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOkResponse({ type: UnsubscribeOutcomeDto })
  oneClick(
    @Query() { token }: UnsubscribeQuery,
    @Body() _body: OneClickUnsubscribeBody,
  ): Promise<UnsubscribeOutcomeDto> {
    return this.unsubscribes.unsubscribe(token);
  }

  @Get()
  @HtmlPage()
  @ApiOperation({
    summary: 'Confirmation page of the email link',
    description: 'Changes nothing (mail scanners open links); its button posts to /unsubscribe/confirm.',
  })
  @ApiProduces('text/html')
  async confirmation(@Query() { token }: UnsubscribeQuery): Promise<string> {
    return confirmationPage(await this.unsubscribes.preview(token), token);
  }

  @Post('confirm')
  @HttpCode(200)
  @HtmlPage()
  @ApiOperation({ summary: 'The confirmation page’s button: unsubscribes and answers with a page' })
  @ApiProduces('text/html')
  async confirm(@Query() { token }: UnsubscribeQuery): Promise<string> {
    return outcomePage(await this.unsubscribes.unsubscribe(token));
  }
}
