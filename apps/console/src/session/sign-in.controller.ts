import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@notify/security';
import type { Response } from 'express';
import { ConsoleConfig } from '../config/console.config';
import { ViewRenderer } from '../views/view-renderer';
import { DevSignInDto, TokenSignInDto } from './dto/sign-in.dto';
import { clearedSessionCookie } from './session-cookie';
import { safeReturnTo, SignInService, type SignInResult } from './sign-in.service';

const HTML = 'text/html; charset=utf-8';

@ApiExcludeController()
@Controller()
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly views: ViewRenderer,
    private readonly config: ConsoleConfig,
  ) {}

  @Public()
  @Get()
  home(@Res() response: Response): void {
    response.redirect(303, '/users');
  }

  @Public()
  @Get('sign-in')
  @Header('Content-Type', HTML)
  form(@Query('returnTo') returnTo?: string): string {
    return this.page(safeReturnTo(returnTo));
  }

  @Public()
  @Post('sign-in')
  @HttpCode(303)
  async withToken(@Body() body: TokenSignInDto, @Res() response: Response): Promise<void> {
    this.answer(await this.signIn.withToken(body.token), safeReturnTo(body.returnTo), response);
  }

  @Public()
  @Post('sign-in/dev')
  @HttpCode(303)
  async development(@Body() body: DevSignInDto, @Res() response: Response): Promise<void> {
    this.answer(await this.signIn.development(body.userId, body.role), safeReturnTo(body.returnTo), response);
  }

  @Post('sign-out')
  signOut(@Res() response: Response): void {
    response.setHeader('Set-Cookie', clearedSessionCookie()).redirect(303, '/sign-in');
  }

  private answer(result: SignInResult, returnTo: string, response: Response): void {
    if (result.ok) {
      response.setHeader('Set-Cookie', result.cookie).redirect(303, returnTo);
      return;
    }
    response.status(401).type(HTML).send(this.page(returnTo, result.problem));
  }

  private page(returnTo: string, problem?: string): string {
    return this.views.page('sign-in', {
      title: 'Sign in',
      returnTo,
      problem,
      devSignIn: this.config.CONSOLE_DEV_SIGN_IN,
    });
  }
}
