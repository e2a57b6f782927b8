import {
  AccountSuspendedException,
  BadRequestException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  NotFoundException,
  SendingPausedException,
  SESv2ServiceException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { classifySesFailure } from './ses-failure';

const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

describe('classifySesFailure', () => {
  it.each([
    [
      new TooManyRequestsException({ message: 'slow down', ...metadata(429) }),
      'transient',
      'TooManyRequestsException',
    ],
    [
      new LimitExceededException({ message: 'daily quota', ...metadata(400) }),
      'transient',
      'LimitExceededException',
    ],
    [
      Object.assign(new Error('throttled'), { name: 'ThrottlingException' }),
      'transient',
      'ThrottlingException',
    ],
    [new MessageRejected({ message: 'virus', ...metadata(400) }), 'permanent', 'MessageRejected'],
    [
      new MailFromDomainNotVerifiedException({ message: 'x', ...metadata(400) }),
      'permanent',
      'MailFromDomainNotVerifiedException',
    ],
    [
      new BadRequestException({ message: 'bad address', ...metadata(400) }),
      'permanent',
      'BadRequestException',
    ],
    [
      new NotFoundException({ message: 'no configuration set', ...metadata(404) }),
      'permanent',
      'NotFoundException',
    ],
    [new SendingPausedException({ message: 'paused', ...metadata(400) }), 'paused', 'SendingPausedException'],
    [
      new AccountSuspendedException({ message: 'suspended', ...metadata(400) }),
      'paused',
      'AccountSuspendedException',
    ],
  ])('%s is %s', (error, kind, code) => {
    expect(classifySesFailure(error)).toEqual({ kind, code });
  });

  it.each([
    [500, 'transient'],
    [503, 'transient'],
    [429, 'transient'],
    [400, 'permanent'],
    [403, 'permanent'],
  ])('an unnamed service error with HTTP %d is %s', (status, kind) => {
    const error = new SESv2ServiceException({
      name: 'SomethingNew',
      $fault: 'server',
      message: 'x',
      ...metadata(status),
    });

    expect(classifySesFailure(error)).toEqual({ kind, code: `SomethingNew (HTTP ${status})` });
  });

  it.each([
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'ECONNRESET'],
    [Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    [Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'TimeoutError'],
    ['a string', 'UnknownError'],
  ])('a failure without a response (%s) is transient', (error, code) => {
    expect(classifySesFailure(error)).toEqual({ kind: 'transient', code });
  });
});
