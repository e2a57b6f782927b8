import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ServiceOnlyGuard } from '@notify/security';
import { ProfileLookupQuery, ProfileLookupResponse } from './dto/profile-lookup.dto';
import { ProfileService } from './profile.service';

@ApiTags('profiles')
@UseGuards(ServiceOnlyGuard)
@Controller('profiles')
export class ProfileLookupController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  @ApiOperation({
    summary: 'The users whose profile has this email address, case-insensitively (platform services only)',
    description: 'For support answering "why did I (not) get this email?" from an address.',
  })
  @ApiOkResponse({ type: ProfileLookupResponse })
  @ApiBadRequestResponse({ description: '`email` is missing or not an address' })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  async findByEmail(@Query() { email }: ProfileLookupQuery): Promise<ProfileLookupResponse> {
    return { items: (await this.profiles.usersWithEmail(email)).map((userId) => ({ userId })) };
  }
}
