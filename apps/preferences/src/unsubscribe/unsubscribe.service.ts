import { BadRequestException, GoneException, HttpException, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_PREFERENCES } from '@notify/contracts';
import { InvalidLinkError, UnsubscribeTokens, type UnsubscribeClaims } from '@notify/security';
import { canBeSwitchedOff, type OptionalCategory } from '../preferences/category-rules';
import { UserSettingsService } from '../settings/user-settings.service';
import type { UserSettings } from '../settings/user-settings';

export type UnsubscribeStatus = 'unsubscribed' | 'already-unsubscribed';

export interface UnsubscribeOutcome {
  category: OptionalCategory;
  status: UnsubscribeStatus;
}

export interface UnsubscribePreview {
  category: OptionalCategory;
  alreadyUnsubscribed: boolean;
}

/** RFC 8058 one-click unsubscribe: a valid token sets its category to `never`, once; anything else changes nothing. */
@Injectable()
export class UnsubscribeService {
  private readonly logger = new Logger(UnsubscribeService.name);

  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly settings: UserSettingsService,
  ) {}

  /** What a POST of the token would do; never changes anything, since link scanners fetch links. */
  async preview(token: string): Promise<UnsubscribePreview> {
    const { userId, category } = this.claimsOf(token);
    const preferences = (await this.settings.find(userId))?.preferences ?? DEFAULT_PREFERENCES;
    return { category, alreadyUnsubscribed: preferences[category] === 'never' };
  }

  /** Idempotent: a repeated request answers `already-unsubscribed` and publishes nothing. */
  async unsubscribe(token: string): Promise<UnsubscribeOutcome> {
    const { userId, category } = this.claimsOf(token);
    const { changed } = await this.settings.change(userId, (current) => switchedOff(current, category));
    if (changed) {
      this.logger.log({ msg: 'unsubscribed by one-click link', userId, category });
    }
    return { category, status: changed ? 'unsubscribed' : 'already-unsubscribed' };
  }

  private claimsOf(token: string): { userId: string; category: OptionalCategory } {
    const { userId, category } = this.verified(token);
    if (!canBeSwitchedOff(category)) {
      throw new BadRequestException(
        'Community activity emails cannot be switched off: leave the community to stop them, or choose a weekly digest.',
      );
    }
    return { userId, category };
  }

  private verified(token: string): UnsubscribeClaims {
    try {
      return this.tokens.verify(token);
    } catch (error) {
      throw error instanceof InvalidLinkError ? this.rejected(error) : error;
    }
  }

  private rejected(error: InvalidLinkError): HttpException {
    this.logger.warn({ msg: 'rejected an unsubscribe link', reason: error.reason });
    if (error.reason === 'expired') {
      return new GoneException(
        'This unsubscribe link has expired. Use a link from a recent email or change your notification preferences.',
      );
    }
    return new BadRequestException('This unsubscribe link is not valid.');
  }
}

function switchedOff(current: UserSettings, category: OptionalCategory): UserSettings {
  return { ...current, preferences: { ...current.preferences, [category]: 'never' } };
}
