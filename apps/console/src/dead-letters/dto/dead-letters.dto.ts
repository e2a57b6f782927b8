import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, MinLength } from 'class-validator';
import { FormDto } from '../../session/dto/form.dto';

export class TopicParams {
  @IsString()
  @MaxLength(249)
  topic!: string;
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
