import {
  Body,
  Controller,
  HttpCode,
  INestApplication,
  type LoggerService,
  Module,
  Post,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import request from 'supertest';
import { configureApp, type ServiceDescriptor } from './bootstrap-service';

class NoteDto {
  @IsString()
  text!: string;
}

@Controller('notes')
class NotesController {
  @Post()
  @HttpCode(200)
  create(@Body() body: NoteDto): { length: number } {
    return { length: body.text.length };
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

class RecordingLogger implements LoggerService {
  readonly entries: { level: string; message: unknown; rest: unknown[] }[] = [];
  log = (message: unknown, ...rest: unknown[]): void => this.record('log', message, rest);
  warn = (message: unknown, ...rest: unknown[]): void => this.record('warn', message, rest);
  error = (message: unknown, ...rest: unknown[]): void => this.record('error', message, rest);

  private record(level: string, message: unknown, rest: unknown[]): void {
    this.entries.push({ level, message, rest });
  }
}

async function startApp(
  logger: RecordingLogger,
  descriptor: Partial<ServiceDescriptor> = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [NotesModule] }).compile();
  const app = moduleRef.createNestApplication({ logger });
  configureApp(app, { service: 'communities', description: 'Bodies under test.', ...descriptor });
  return app.init();
}

describe('request bodies', () => {
  let logger: RecordingLogger;
  let app: INestApplication;

  beforeEach(async () => {
    logger = new RecordingLogger();
    app = await startApp(logger);
  });

  afterEach(async () => {
    await app.close();
  });

  const levels = (): string[] =>
    logger.entries.map((entry) => entry.level).filter((level) => level !== 'log');

  it('accepts a JSON body up to 256 kB', async () => {
    await request(app.getHttpServer())
      .post('/notes')
      .send({ text: 'x'.repeat(250_000) })
      .expect(200, { length: 250_000 });
  });

  it('answers 413 to a larger body and logs a warning without a stack', async () => {
    const response = await request(app.getHttpServer())
      .post('/notes?token=link-token-value')
      .send({ text: 'x'.repeat(300_000) });

    expect({ status: response.status, body: response.body as unknown }).toEqual({
      status: 413,
      body: {
        statusCode: 413,
        message: 'Request body exceeds the limit of 256kb',
        error: 'Payload Too Large',
      },
    });
    expect(logger.entries.filter((entry) => entry.level !== 'log')).toEqual([
      { level: 'warn', message: 'POST /notes: 413 entity.too.large', rest: ['RequestBody'] },
    ]);
  });

  it('answers 400 to malformed JSON without echoing or logging the body', async () => {
    const response = await request(app.getHttpServer())
      .post('/notes')
      .set('content-type', 'application/json')
      .send('{"text": "s3cr3t-draft');

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      message: 'Request body is malformed',
      error: 'Bad Request',
    });
    expect(levels()).toEqual(['warn']);
    expect(JSON.stringify(logger.entries)).not.toContain('s3cr3t');
  });

  it('parses form bodies, such as one-click unsubscribe posts', async () => {
    await request(app.getHttpServer())
      .post('/notes')
      .type('form')
      .send('text=List-Unsubscribe%3DOne-Click')
      .expect(200, { length: 'List-Unsubscribe=One-Click'.length });
  });

  it('takes the limit from the service descriptor', async () => {
    const strictLogger = new RecordingLogger();
    const strict = await startApp(strictLogger, { bodyLimit: '1kb' });
    try {
      await request(strict.getHttpServer())
        .post('/notes')
        .send({ text: 'x'.repeat(2_000) })
        .expect(413);
    } finally {
      await strict.close();
    }
  });
});
