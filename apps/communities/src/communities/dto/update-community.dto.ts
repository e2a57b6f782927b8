import { PartialType } from '@nestjs/swagger';
import { CreateCommunityDto } from './create-community.dto';

/** Every field is optional; `moderators`, when given, replaces the whole list. */
export class UpdateCommunityDto extends PartialType(CreateCommunityDto) {}
