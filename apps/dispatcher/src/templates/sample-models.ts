import type { TemplateId } from './template-id';
import type { ModeratorContactModel, TemplateModels } from './template-models';

// Realistic data for the preview page, the start-up check and the template specs.

const community = { communityId: 'c-procurement-law', communityName: 'Public Procurement Law' };
const moderator: ModeratorContactModel = {
  displayName: 'Ingrid Novak',
  contactEmail: 'ingrid.novak@example.org',
};
const article = {
  title: 'Applying the new thresholds for works contracts',
  url: 'https://portal.example.org/content/thresholds-2026',
  excerpt:
    'The revised thresholds apply from 1 January. Here is how our authority adapted its tender templates.',
};

export const SAMPLE_MODELS: { readonly [K in TemplateId]: TemplateModels[K] } = {
  'access-request.moderator': {
    recipientName: 'Ingrid Novak',
    ...community,
    accessRequestId: 'ar-4711',
    requesterName: 'Marc Dubois',
    message: 'I lead the tendering unit of a regional hospital group and would like to share our experience.',
    requestedAt: '2026-03-02T09:15:00Z',
  },
  'access-request.acknowledgement': { recipientName: 'Marc Dubois', ...community },
  'access-request.approved': { recipientName: 'Marc Dubois', ...community },
  'access-request.rejected': {
    recipientName: 'Marc Dubois',
    ...community,
    reason: 'This community is reserved for staff of contracting authorities.',
    moderator,
  },
  'submission.moderator': {
    recipientName: 'Ingrid Novak',
    ...community,
    ...article,
    submissionId: 's-0815',
    authorName: 'Anna Schmidt',
    submittedAt: '2026-03-03T14:40:00Z',
  },
  'submission.approved': {
    recipientName: 'Anna Schmidt',
    ...community,
    title: article.title,
    url: article.url,
  },
  'submission.rejected': {
    recipientName: 'Anna Schmidt',
    ...community,
    title: article.title,
    reason: 'A very similar article was published last week; please add to the discussion there.',
    moderator,
  },
  'moderation.reminder': {
    recipientName: 'Ingrid Novak',
    ...community,
    itemKind: 'access-request',
    itemId: 'ar-4711',
    pendingSince: '2026-03-02T09:15:00Z',
    requesterName: 'Marc Dubois',
  },
  'community.member-joined.moderator': {
    recipientName: 'Ingrid Novak',
    ...community,
    memberName: 'Luca Bianchi',
  },
  'community.content-published.moderator': {
    recipientName: 'Ingrid Novak',
    ...community,
    ...article,
    authorName: 'Anna Schmidt',
  },
  'activity.mention': {
    recipientName: 'Marc Dubois',
    ...article,
    actorName: 'Anna Schmidt',
    communityName: community.communityName,
  },
  'activity.comment': {
    recipientName: 'Anna Schmidt',
    ...article,
    excerpt: 'Thanks for sharing. Did you also update the award criteria?',
    actorName: 'Luca Bianchi',
    communityName: community.communityName,
  },
  'activity.private-message': {
    recipientName: 'Marc Dubois',
    senderName: 'Luca Bianchi',
    url: 'https://portal.example.org/messages/m-42',
  },
  'activity.content-published': {
    recipientName: 'Marc Dubois',
    ...community,
    ...article,
    authorName: 'Anna Schmidt',
  },
  digest: {
    recipientName: 'Marc Dubois',
    period: 'daily',
    composedAt: '2026-03-03T21:00:00Z',
    sections: [
      {
        category: 'mentions',
        communities: [
          {
            communityName: community.communityName,
            items: [{ ...article, actorName: 'Anna Schmidt', occurredAt: '2026-03-03T10:00:00Z' }],
          },
        ],
      },
      {
        category: 'communityActivity',
        communities: [
          {
            communityName: 'Green Public Procurement',
            items: [
              {
                title: 'Life-cycle costing for vehicle fleets',
                url: 'https://portal.example.org/content/lcc-fleets',
                actorName: 'Luca Bianchi',
                occurredAt: '2026-03-03T16:20:00Z',
              },
              {
                title: 'Webinar recording: eco-labels in tenders',
                url: 'https://portal.example.org/content/eco-labels-webinar',
                occurredAt: '2026-03-03T18:05:00Z',
              },
            ],
          },
        ],
      },
    ],
  },
  'moderation.alert-summary': {
    recipientName: 'Ingrid Novak',
    windowStart: '2026-03-02T09:00:00Z',
    items: [
      {
        alertKind: 'access-request',
        title: 'Marc Dubois',
        communityName: community.communityName,
        url: 'https://portal.example.org/moderation/access-requests/ar-4712',
        occurredAt: '2026-03-02T09:41:00Z',
      },
      {
        alertKind: 'submission',
        title: article.title,
        communityName: community.communityName,
        url: 'https://portal.example.org/moderation/submissions/s-77',
        occurredAt: '2026-03-02T09:52:00Z',
      },
      {
        alertKind: 'reminder',
        title: 'Anna Schmidt',
        communityName: 'Green Public Procurement',
        url: 'https://portal.example.org/moderation/access-requests/ar-4690',
        occurredAt: '2026-03-02T09:58:00Z',
      },
    ],
  },
};
