import { Injectable } from '@nestjs/common';
import { ConsoleConfig } from '../config/console.config';
import { UpstreamClient } from '../upstream/upstream.client';
import type {
  DeliveryPage,
  DeliveryPreview,
  Membership,
  Preferences,
  Profile,
  Suppression,
  UserOverview,
} from './user-records';

const segment = encodeURIComponent;

/** Everything support needs to answer "why did I (not) get this email?", from the services' REST APIs. */
@Injectable()
export class UserOverviewService {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly config: ConsoleConfig,
  ) {}

  async overview(userId: string, cursor?: string): Promise<UserOverview> {
    const query = new URLSearchParams({ limit: String(this.config.CONSOLE_PAGE_SIZE) });
    if (cursor) {
      query.set('cursor', cursor);
    }
    const [profile, preferences, memberships, deliveries] = await Promise.all([
      this.upstream.find<Profile>('preferences', `/users/${segment(userId)}/profile`),
      this.upstream.find<Preferences>('preferences', `/users/${segment(userId)}/preferences`),
      this.upstream.call<{ items: Membership[] }>('dispatcher', {
        path: `/users/${segment(userId)}/memberships`,
      }),
      this.upstream.call<DeliveryPage>('dispatcher', {
        path: `/users/${segment(userId)}/deliveries?${query.toString()}`,
      }),
    ]);
    const suppression = profile ? await this.suppressionOf(profile.email) : undefined;
    return { userId, profile, preferences, memberships: memberships.items, suppression, deliveries };
  }

  /** The dispatcher's re-render of one of the user's deliveries; undefined when the user has no such delivery. */
  deliveryPreview(userId: string, deliveryId: string): Promise<DeliveryPreview | undefined> {
    return this.upstream.find<DeliveryPreview>(
      'dispatcher',
      `/users/${segment(userId)}/deliveries/${segment(deliveryId)}/preview`,
    );
  }

  /** User ids whose profile has this address (preferences `GET /profiles?email=`). */
  async usersWithEmail(email: string): Promise<string[]> {
    const { items } = await this.upstream.call<{ items: { userId: string }[] }>('preferences', {
      path: `/profiles?${new URLSearchParams({ email }).toString()}`,
    });
    return items.map((item) => item.userId);
  }

  async suppressionOf(email: string): Promise<Suppression | undefined> {
    const { items } = await this.upstream.call<{ items: Suppression[] }>('dispatcher', {
      path: `/suppressions?${new URLSearchParams({ email }).toString()}`,
    });
    return items[0];
  }

  async liftSuppression(email: string, reason: string): Promise<void> {
    await this.upstream.call('dispatcher', {
      method: 'DELETE',
      path: `/suppressions/${segment(email)}`,
      json: { reason },
    });
  }
}
