import type { PortalLinks } from './portal-links';
import type { TemplateId } from './template-id';
import type { TemplateModels } from './template-models';

/** Portal links available to a template as `links.*`. */
export interface TemplateLinks {
  home: string;
  notificationSettings?: string;
  community?: string;
  decide?: string;
  unsubscribe?: string;
}

type SpecificLinks = Omit<TemplateLinks, 'home' | 'notificationSettings' | 'unsubscribe'>;

interface TemplateDefinition<K extends TemplateId> {
  /** The email follows a frequency the recipient chose, so it links to their notification settings. */
  followsPreferences: boolean;
  links(model: TemplateModels[K], portal: PortalLinks): SpecificLinks;
}

type TemplateDefinitions = { [K in TemplateId]: TemplateDefinition<K> };

const communityLink = (model: { communityId: string }, portal: PortalLinks): SpecificLinks => ({
  community: portal.community(model.communityId),
});

const noLinks = (): SpecificLinks => ({});

export const TEMPLATE_DEFINITIONS: TemplateDefinitions = {
  'access-request.moderator': {
    followsPreferences: false,
    links: (model, portal) => ({
      ...communityLink(model, portal),
      decide: portal.pendingItem('access-request', model.accessRequestId),
    }),
  },
  'access-request.acknowledgement': { followsPreferences: false, links: communityLink },
  'access-request.approved': { followsPreferences: false, links: communityLink },
  'access-request.rejected': { followsPreferences: false, links: noLinks },
  'submission.moderator': {
    followsPreferences: false,
    links: (model, portal) => ({
      ...communityLink(model, portal),
      decide: portal.pendingItem('submission', model.submissionId),
    }),
  },
  'submission.approved': { followsPreferences: false, links: communityLink },
  'submission.rejected': { followsPreferences: false, links: communityLink },
  'moderation.reminder': {
    followsPreferences: false,
    links: (model, portal) => ({
      ...communityLink(model, portal),
      decide: portal.pendingItem(model.itemKind, model.itemId),
    }),
  },
  'community.member-joined.moderator': { followsPreferences: true, links: communityLink },
  'community.content-published.moderator': { followsPreferences: true, links: communityLink },
  'activity.mention': { followsPreferences: true, links: noLinks },
  'activity.comment': { followsPreferences: true, links: noLinks },
  'activity.private-message': { followsPreferences: true, links: noLinks },
  'activity.content-published': { followsPreferences: true, links: communityLink },
  digest: { followsPreferences: true, links: noLinks },
  'moderation.alert-summary': {
    followsPreferences: false,
    links: (_model, portal) => ({ decide: portal.moderationQueue() }),
  },
};
