// Persisted API: these values travel in events and are stored by the services.
// Changing a value needs a new version and a migration path.

export const COMMUNITY_VISIBILITIES = ['open', 'restricted'] as const;
export type CommunityVisibility = (typeof COMMUNITY_VISIBILITIES)[number];

/** How a user became a member (`communities.member.joined` `joinedVia`). */
export const MEMBERSHIP_ORIGINS = ['open-join', 'access-request-approved', 'community-created'] as const;
export type MembershipOrigin = (typeof MEMBERSHIP_ORIGINS)[number];

/** Why a membership ended (`communities.member.left` `cause`). */
export const MEMBERSHIP_END_CAUSES = ['left', 'removed'] as const;
export type MembershipEndCause = (typeof MEMBERSHIP_END_CAUSES)[number];

/** How content reached a community (`communities.content.published` `publishedVia`). */
export const PUBLICATION_ROUTES = ['open-community', 'submission-approved'] as const;
export type PublicationRoute = (typeof PUBLICATION_ROUTES)[number];

/** Kinds of items waiting for a moderator's decision. */
export const PENDING_ITEM_KINDS = ['access-request', 'submission'] as const;
export type PendingItemKind = (typeof PENDING_ITEM_KINDS)[number];

export const BOUNCE_TYPES = ['permanent', 'transient'] as const;
export type BounceType = (typeof BOUNCE_TYPES)[number];

/** What the email provider reported about a sent email, besides bounces and complaints. */
export const EMAIL_STATUSES = ['accepted', 'delivered', 'delayed', 'rejected', 'rendering-failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
