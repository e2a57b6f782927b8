import { decodeCloudEvent, encodeBinary, EventTypes, validatePayload } from '@notify/contracts';
import { sampleCloudEvent, sampleEventData } from './sample-event-data';

describe('sample builders', () => {
  it('return a fresh copy each time', () => {
    const first = sampleEventData(EventTypes.CommunityCreated);
    first.moderators[0].displayName = 'Changed';

    expect(sampleEventData(EventTypes.CommunityCreated).moderators[0].displayName).not.toBe('Changed');
  });

  it('apply overrides to the sample data', () => {
    expect(sampleEventData(EventTypes.MemberLeft, { cause: 'removed' })).toMatchObject({
      communityId: 'community-1',
      cause: 'removed',
    });
  });

  it('build a CloudEvent that survives the envelope and validation', async () => {
    const event = sampleCloudEvent(EventTypes.SubmissionApproved, { id: 'evt-9' });

    const decoded = decodeCloudEvent(encodeBinary(event, 'community-1'));

    expect(decoded).toMatchObject({ id: 'evt-9', type: EventTypes.SubmissionApproved });
    await expect(validatePayload(EventTypes.SubmissionApproved, decoded.data)).resolves.toMatchObject(
      sampleEventData(EventTypes.SubmissionApproved),
    );
  });
});
