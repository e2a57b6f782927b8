import { Injectable, NotFoundException } from '@nestjs/common';
import { EmailRenderer } from '../templates/email-renderer.service';
import { DeliveryLogRepository } from './delivery-log.repository';
import { previewDelivery, type DeliveryPreview } from './delivery-preview';
import { NotificationContextLoader } from './notification-context.loader';

/** A delivery's email rendered again for support, with the code that renders emails for sending. */
@Injectable()
export class DeliveryPreviewService {
  constructor(
    private readonly log: DeliveryLogRepository,
    private readonly contexts: NotificationContextLoader,
    private readonly renderer: EmailRenderer,
  ) {}

  /** @throws NotFoundException when the user has no delivery with this id. */
  async preview(userId: string, deliveryId: string): Promise<DeliveryPreview> {
    const row = await this.log.findForRecipient(userId, deliveryId);
    if (!row) {
      throw new NotFoundException(`User ${userId} has no delivery ${deliveryId}`);
    }
    const context = await this.contexts.load([row]);
    return previewDelivery(row, context, (request, locale, options) =>
      this.renderer.render(request.template, locale, request.model, options),
    );
  }
}
