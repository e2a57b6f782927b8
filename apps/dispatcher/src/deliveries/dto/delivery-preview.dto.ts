import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsId } from '@notify/contracts';
import { Matches } from 'class-validator';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../policy/delivery-vocabulary';
import { PREVIEW_UNAVAILABLE_REASONS, type PreviewUnavailableReason } from '../delivery-preview';

export class DeliveryPreviewParams {
  @ApiProperty()
  @IsId()
  userId!: string;

  @ApiProperty({ description: 'The `id` of an entry of the delivery log' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'deliveryId must be the id of a delivery log entry' })
  deliveryId!: string;
}

export class DeliveryPreviewResponse {
  @ApiProperty()
  deliveryId!: string;

  @ApiProperty({ description: 'The email template, e.g. activity.mention' })
  template!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: DeliveryStatus;

  @ApiProperty({
    description: 'The item went out in a digest; the preview shows it as its own email would read',
  })
  digestItem!: boolean;

  @ApiProperty({
    description:
      'false when the email cannot be rendered again: `reason` says why. A rendering is always a re-render from ' +
      "the stored event and today's profile and community, never the email as sent.",
  })
  available!: boolean;

  @ApiPropertyOptional({
    enum: PREVIEW_UNAVAILABLE_REASONS,
    description:
      '`no-profile`: the recipient has no profile (never announced, or erased); `content-erased`: the event ' +
      'payload was emptied by retention; `event-missing`: the event is gone; `unrenderable`: the template does ' +
      'not belong to the event',
  })
  reason?: PreviewUnavailableReason;

  @ApiPropertyOptional({ description: 'Language of the re-render (ISO 639-1)' })
  language?: string;

  @ApiPropertyOptional()
  subject?: string;

  @ApiPropertyOptional({ description: 'HTML part; user data escaped as in every email' })
  html?: string;

  @ApiPropertyOptional()
  text?: string;
}
