import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { FormDto } from '../../session/dto/form.dto';

export class TopicParams {
  @IsString()
  @MaxLength(249)
  topic!: string;
}

const BOUNDS = /^\d{1,6}:\d{1,19}(,\d{1,6}:\d{1,19}){0,999}$/;
const BOUNDS_MESSAGE = 'must be partition:offset pairs from an "older" or "newer" link';

/** Which page: the newest by default, else older than `before` or newer than `after` (one of them). */
export class DeadLetterPageQuery {
  @IsOptional()
  @Matches(BOUNDS, { message: `before ${BOUNDS_MESSAGE}` })
  before?: string;

  @IsOptional()
  @Matches(BOUNDS, { message: `after ${BOUNDS_MESSAGE}` })
  after?: string;

  /** Set by the redirect after a replay. */
  @IsOptional()
  @Matches(/^\d{1,6}$/)
  replayed?: string;
}

export class ReplayDto extends FormDto {
  /** One checkbox sends a string, several an array. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsArray({ message: 'eventIds: choose at least one dead letter' })
  @ArrayMinSize(1, { message: 'eventIds: choose at least one dead letter' })
  @ArrayMaxSize(500)
  @IsString({ each: true })
  eventIds!: string[];

  @IsString()
  @MinLength(3, { message: 'reason must say why (at least 3 characters)' })
  @MaxLength(500)
  reason!: string;
}
