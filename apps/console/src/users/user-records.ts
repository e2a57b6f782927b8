/** The shapes of the other services' public answers the console shows (their OpenAPI documents are the source). */
export interface Profile {
  email: string;
  displayName: string;
  locale: string;
  timeZone: string;
}

export type Preferences = Record<'mentions' | 'comments' | 'privateMessages' | 'communityActivity', string>;

export interface Delivery {
  id: string;
  status: string;
  reason?: string;
  detail?: string;
  category: string;
  template: string;
  eventId: string;
  eventSource: string;
  eventType: string;
  eventTime: string;
  communityId?: string;
  frequency?: string;
  attempts: number;
  createdAt: string;
  sentAt?: string;
  statusChangedAt?: string;
}

export interface DeliveryPage {
  items: Delivery[];
  nextCursor: string | null;
}

export interface Suppression {
  email: string;
  reason: string;
  detail?: string;
  eventId?: string;
  occurredAt: string;
}

/** A community the user joined or left, from the dispatcher's read model (what decides activity emails). */
export interface Membership {
  communityId: string;
  communityName: string | null;
  state: 'joined' | 'left';
  changedAt: string;
}

export interface UserOverview {
  userId: string;
  memberships: Membership[];
  profile?: Profile;
  preferences?: Preferences;
  suppression?: Suppression;
  deliveries: DeliveryPage;
}

/** A delivery's email rendered again by the dispatcher (`GET /users/{userId}/deliveries/{id}/preview`). */
export interface DeliveryPreview {
  deliveryId: string;
  template: string;
  status: string;
  digestItem: boolean;
  available: boolean;
  reason?: 'no-profile' | 'content-erased' | 'event-missing' | 'unrenderable';
  language?: string;
  subject?: string;
  html?: string;
  text?: string;
}
