import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { UPSTREAM_SERVICES, type UpstreamService } from '../../config/console.config';
import { FormDto } from '../../session/dto/form.dto';

export class ParkedRowParams {
  @IsIn([...UPSTREAM_SERVICES])
  service!: UpstreamService;

  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, { message: 'id must be 1-128 letters, digits or ._:-' })
  id!: string;
}

export class RetryDto extends FormDto {
  @IsString()
  @MinLength(3, { message: 'reason must say why (at least 3 characters)' })
  @MaxLength(500)
  reason!: string;
}
