import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DEV_ROLES } from '../sign-in.service';

export class TokenSignInDto {
  @IsString()
  @MinLength(10)
  @MaxLength(8192)
  token!: string;

  @IsOptional()
  @IsString()
  returnTo?: string;
}

export class DevSignInDto {
  @IsString()
  @Matches(/^[A-Za-z0-9._:@-]{1,128}$/, { message: 'userId must be 1-128 letters, digits or ._:@-' })
  userId!: string;

  @IsIn([...DEV_ROLES])
  role!: string;

  @IsOptional()
  @IsString()
  returnTo?: string;
}
