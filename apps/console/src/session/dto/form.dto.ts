import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Every console form posts the CSRF token; the session guard checks it before validation runs. */
export class FormDto {
  @IsOptional()
  @IsString()
  @MaxLength(128)
  _csrf?: string;
}
