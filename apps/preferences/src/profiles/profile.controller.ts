import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RateLimit } from '@notify/rate-limit';
import { assertActsFor, CurrentPrincipal, type Principal } from '@notify/security';
import { UserIdParams } from '../shared/user-id.params';
import { ProfileDto } from './dto/profile.dto';
import { ProfileService } from './profile.service';

@ApiTags('profiles')
@ApiUnauthorizedResponse({ description: 'Missing or invalid bearer token' })
@ApiForbiddenResponse({
  description: 'A user may only read and change their own profile; services may act for anyone',
})
@Controller('users/:userId/profile')
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  @ApiOperation({ summary: 'The notification profile of a user' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiNotFoundResponse({ description: 'No profile yet: neither the platform nor the user has set one' })
  get(@Param() { userId }: UserIdParams, @CurrentPrincipal() principal: Principal): Promise<ProfileDto> {
    assertActsFor(principal, userId);
    return this.profiles.get(userId);
  }

  @Put()
  @RateLimit('profile')
  @ApiOperation({
    summary: 'Replace the notification profile of a user',
    description: 'Published at once, with the preferences, as the user’s state on preferences.profiles.v1.',
  })
  @ApiOkResponse({ type: ProfileDto, description: 'The stored profile (locale in canonical case)' })
  @ApiBadRequestResponse({ description: 'A field is invalid; `errors[].field` names it' })
  replace(
    @Param() { userId }: UserIdParams,
    @Body() profile: ProfileDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProfileDto> {
    assertActsFor(principal, userId);
    return this.profiles.replace(userId, profile);
  }
}
