import { PartialType } from '@nestjs/swagger';
import { CreateCommunityDto } from './create-community.dto';

/**
 * Every field is optional; `moderators`, when given, replaces the whole list. An explicit `null` is validated
 * like any other value, so it is a 400 rather than an attempt to clear a required setting.
 */
export class UpdateCommunityDto extends PartialType(CreateCommunityDto, { skipNullProperties: false }) {}
