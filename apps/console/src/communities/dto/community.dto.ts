import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CommunitySearchQuery {
  @IsOptional()
  @IsString()
  @MaxLength(128)
  id?: string;
}

export class CommunityParams {
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, { message: 'communityId must be 1-128 letters, digits or ._:-' })
  communityId!: string;
}
