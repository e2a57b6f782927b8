import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ServiceOnlyGuard } from '@notify/security';
import { DeliveryPreviewParams, DeliveryPreviewResponse } from './dto/delivery-preview.dto';
import { DeliveryPreviewService } from './delivery-preview.service';

@ApiTags('deliveries')
@UseGuards(ServiceOnlyGuard)
@Controller('users/:userId/deliveries/:deliveryId/preview')
export class DeliveryPreviewController {
  constructor(private readonly previews: DeliveryPreviewService) {}

  @Get()
  @ApiOperation({
    summary:
      "A delivery's email rendered again from its stored event (platform services only: support tooling)",
    description:
      "Built like the email at sending time but with today's profile and community; never the email as sent. " +
      'The unsubscribe link is an inert placeholder.',
  })
  @ApiOkResponse({ type: DeliveryPreviewResponse })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  @ApiNotFoundResponse({ description: 'The user has no delivery with this id' })
  preview(@Param() { userId, deliveryId }: DeliveryPreviewParams): Promise<DeliveryPreviewResponse> {
    return this.previews.preview(userId, deliveryId);
  }
}
