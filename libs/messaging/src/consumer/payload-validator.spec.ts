import { ValidationPipe } from '@nestjs/common';
import {
  CommunityData,
  EventTypes,
  MentionCreatedData,
  PayloadValidationError,
  UserRef,
} from '@notify/contracts';
import { sampleEventData } from '@notify/testing';
import { PayloadValidator } from './payload-validator';

describe('PayloadValidator', () => {
  const validator = new PayloadValidator();

  it('reads a valid payload into its class without the pipe', async () => {
    const pipe = jest.spyOn(ValidationPipe.prototype, 'transform');

    const data = await validator.validate(EventTypes.MentionCreated, {
      ...sampleEventData(EventTypes.MentionCreated),
      addedLater: 'dropped',
    });

    expect(data).toBeInstanceOf(MentionCreatedData);
    expect(data.actor).toBeInstanceOf(UserRef);
    expect(data).not.toHaveProperty('addedLater');
    expect(pipe).not.toHaveBeenCalled();
  });

  it('names the invalid fields through the pipe', async () => {
    const pipe = jest.spyOn(ValidationPipe.prototype, 'transform');
    const data = { ...sampleEventData(EventTypes.MentionCreated), mentionId: ' ', content: 'a title' };

    const error = await validator
      .validate(EventTypes.MentionCreated, data)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PayloadValidationError);
    expect((error as PayloadValidationError).fields).toEqual(['mentionId', 'content']);
    expect(pipe).toHaveBeenCalledTimes(1);
  });

  it('refuses a list of moderators holding a list', async () => {
    const data = { ...sampleEventData(EventTypes.CommunityCreated), moderators: [[]] };

    const error = await validator
      .validate(EventTypes.CommunityCreated, data)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PayloadValidationError);
    expect((error as PayloadValidationError).message).toContain('each value in moderators must be an object');
    await expect(
      validator.validate(EventTypes.CommunityCreated, sampleEventData(EventTypes.CommunityCreated)),
    ).resolves.toBeInstanceOf(CommunityData);
  });
});
