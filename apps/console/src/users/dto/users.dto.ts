import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { FormDto } from '../../session/dto/form.dto';

export class UserSearchQuery {
  @IsOptional()
  @IsString()
  @MaxLength(320)
  q?: string;
}

export class UserParams {
  @Matches(/^[^\s/?#]{1,200}$/, { message: 'userId must be 1-200 characters without spaces, / ? or #' })
  userId!: string;
}

export class DeliveryPreviewParams extends UserParams {
  @Matches(/^[1-9]\d{0,17}$/, { message: 'deliveryId must be the id of a delivery' })
  deliveryId!: string;
}

export class UserPageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  /** Set by the redirect after an operator lifted the suppression. */
  @IsOptional()
  @IsIn(['1'])
  lifted?: string;
}

export class LiftSuppressionDto extends FormDto {
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @IsString()
  @MinLength(3, { message: 'reason must say why (at least 3 characters)' })
  @MaxLength(500)
  reason!: string;
}
