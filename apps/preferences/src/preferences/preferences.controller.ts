import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RateLimit } from '@notify/rate-limit';
import { assertActsFor, CurrentPrincipal, type Principal } from '@notify/security';
import { UserIdParams } from '../shared/user-id.params';
import { PreferencesDto } from './dto/preferences.dto';
import { PreferencesService } from './preferences.service';

@ApiTags('preferences')
@ApiUnauthorizedResponse({ description: 'Missing or invalid bearer token' })
@ApiForbiddenResponse({
  description: 'A user may only read and change their own preferences; services may act for anyone',
})
@Controller('users/:userId/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOperation({
    summary: 'The notification preferences of a user',
    description: 'A user who never changed them, or is not known yet, has the defaults.',
  })
  @ApiOkResponse({ type: PreferencesDto })
  get(@Param() { userId }: UserIdParams, @CurrentPrincipal() principal: Principal): Promise<PreferencesDto> {
    assertActsFor(principal, userId);
    return this.preferences.get(userId);
  }

  @Put()
  @RateLimit('profile')
  @ApiOperation({
    summary: 'Replace the notification preferences of a user',
    description:
      'All four categories are required. Allowed before the user has a profile: they are kept and published ' +
      'with the first profile.',
  })
  @ApiOkResponse({ type: PreferencesDto })
  @ApiBadRequestResponse({ description: 'A category is missing or has a frequency it does not allow' })
  replace(
    @Param() { userId }: UserIdParams,
    @Body() preferences: PreferencesDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PreferencesDto> {
    assertActsFor(principal, userId);
    return this.preferences.replace(userId, preferences);
  }
}
