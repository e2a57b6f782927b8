import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import {
  IsBcp47Locale,
  isBcp47Locale,
  IsHttpUrl,
  IsIanaTimeZone,
  IsId,
  IsText,
  isIanaTimeZone,
  isRfc3339DateTime,
  Optional,
} from '../index';

describe('isIanaTimeZone', () => {
  it.each([
    'Europe/Paris',
    'Europe/Brussels',
    'America/Argentina/Buenos_Aires',
    'UTC',
    'Etc/GMT+1',
    'Asia/Kolkata',
  ])('accepts %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus_Mons', '+01:00', 'CET ', 'Europe/', '', 'Europe/Paris\n', 'x'.repeat(65), 42, null])(
    'rejects %p',
    (zone) => {
      expect(isIanaTimeZone(zone)).toBe(false);
    },
  );
});

describe('isBcp47Locale', () => {
  it.each(['en', 'fr', 'de-AT', 'pt-PT', 'sr-Latn-RS', 'zh-Hant-TW', 'de-DE-u-co-phonebk', 'ga'])(
    'accepts %s',
    (tag) => {
      expect(isBcp47Locale(tag)).toBe(true);
    },
  );

  it.each([
    'en_US',
    'english',
    'e',
    '123',
    'fr-',
    '-fr',
    'de--AT',
    'i-klingon',
    'en-' + 'a'.repeat(40),
    7,
    undefined,
  ])('rejects %p', (tag) => {
    expect(isBcp47Locale(tag)).toBe(false);
  });
});

describe('isRfc3339DateTime', () => {
  it.each([
    '2025-03-01T09:30:00Z',
    '2025-03-01t09:30:00z',
    '2025-03-01T09:30:00.123456+01:00',
    '2024-02-29T23:59:60-05:30',
  ])('accepts %s', (value) => {
    expect(isRfc3339DateTime(value)).toBe(true);
  });

  it.each([
    '2025-03-01',
    '2025-03-01T09:30:00',
    '2025-03-01 09:30:00Z',
    '2025-02-29T09:30:00Z',
    '2025-13-01T09:30:00Z',
    '2025-03-01T24:00:00Z',
    '2025-03-01T09:30:00+25:00',
    'Sat, 01 Mar 2025 09:30:00 GMT',
    1740821400000,
  ])('rejects %p', (value) => {
    expect(isRfc3339DateTime(value)).toBe(false);
  });
});

class ProfileDto {
  @IsBcp47Locale()
  locale!: string;

  @IsIanaTimeZone()
  timeZone!: string;

  @Optional()
  @IsHttpUrl()
  homepage?: string;
}

describe('reusable decorators', () => {
  const errorsOf = async (plain: object) =>
    (await validate(plainToInstance(ProfileDto, plain))).map(({ property, constraints }) => ({
      property,
      constraints: Object.keys(constraints ?? {}),
    }));

  it('pass a valid DTO', async () => {
    await expect(
      errorsOf({ locale: 'de-AT', timeZone: 'Europe/Vienna', homepage: 'http://localhost:3000/' }),
    ).resolves.toEqual([]);
  });

  it('name the failing constraint of each bad field', async () => {
    await expect(
      errorsOf({ locale: 'de_AT', timeZone: 'Vienna', homepage: 'javascript:alert(1)' }),
    ).resolves.toEqual([
      { property: 'locale', constraints: ['isBcp47Locale'] },
      { property: 'timeZone', constraints: ['isIanaTimeZone'] },
      { property: 'homepage', constraints: ['isUrl'] },
    ]);
  });

  it('read a null optional field as absent', async () => {
    const dto = plainToInstance(ProfileDto, { locale: 'fr', timeZone: 'UTC', homepage: null });

    await expect(validate(dto)).resolves.toEqual([]);
    expect(dto.homepage).toBeUndefined();
  });
});

class NoteDto {
  @IsId()
  authorId!: string;

  @IsText(200)
  body!: string;
}

describe('IsText and IsId', () => {
  const failedConstraints = async (plain: object) =>
    Object.fromEntries(
      (await validate(plainToInstance(NoteDto, plain))).map(({ property, constraints }) => [
        property,
        Object.keys(constraints ?? {}),
      ]),
    );

  it('accept printable text, with tabs and line breaks in free text', async () => {
    await expect(
      failedConstraints({ authorId: 'user-é-42', body: 'First line\r\n\tsecond line ✓' }),
    ).resolves.toEqual({});
  });

  it.each(['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F'])(
    'reject the control character %j in text, which the database would refuse or garble',
    async (control) => {
      await expect(failedConstraints({ authorId: 'user-1', body: `before${control}after` })).resolves.toEqual(
        {
          body: ['hasNoControlCharacters'],
        },
      );
    },
  );

  it.each(['\u0000', '\t', '\n', '\r', '\u007F', '\u0085'])(
    'reject the control character %j in an identifier',
    async (control) => {
      await expect(failedConstraints({ authorId: `user${control}1`, body: 'fine' })).resolves.toEqual({
        authorId: ['hasNoControlCharacters'],
      });
    },
  );

  it('leave a value of the wrong type to the string check alone', async () => {
    await expect(failedConstraints({ authorId: 42, body: 'fine' })).resolves.toEqual({
      authorId: ['isString', 'matches', 'maxLength'],
    });
  });
});
