import {
  Body,
  Controller,
  HttpCode,
  INestApplication,
  Injectable,
  Module,
  Post,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsEmail, IsString, ValidateNested } from 'class-validator';
import request from 'supertest';
import { bootstrapService, configureApp } from './bootstrap-service';

class ModeratorDto {
  @IsEmail()
  contactEmail!: string;
}

class CommunityDto {
  @IsString()
  name!: string;

  @ValidateNested({ each: true })
  @Type(() => ModeratorDto)
  moderators!: ModeratorDto[];
}

@Controller('communities')
class CommunitiesController {
  @Post()
  @HttpCode(200)
  create(@Body() body: CommunityDto): { receivedInstance: boolean; name: string } {
    return { receivedInstance: body instanceof CommunityDto, name: body.name };
  }
}

@Module({ controllers: [CommunitiesController] })
class ProbeModule {}

describe('configureApp', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = configureApp(moduleRef.createNestApplication({ logger: false }), {
      service: 'communities',
      description: 'Communities under test.',
    });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('hands the handler a validated instance of its DTO', async () => {
    const response = await request(app.getHttpServer())
      .post('/communities')
      .send({ name: 'Green procurement', moderators: [{ contactEmail: 'marta@example.org' }] })
      .expect(200);

    expect(response.body).toEqual({ receivedInstance: true, name: 'Green procurement' });
  });

  it('answers 400 naming every bad field by its dotted path', async () => {
    const response = await request(app.getHttpServer())
      .post('/communities')
      .send({
        name: 42,
        moderators: [{ contactEmail: 'marta@example.org' }, { contactEmail: 'not-an-email' }],
      })
      .expect(400);

    expect(response.body).toEqual({
      statusCode: 400,
      message: 'Validation failed: name, moderators.1.contactEmail',
      errors: [
        { field: 'name', messages: ['name must be a string'] },
        { field: 'moderators.1.contactEmail', messages: ['contactEmail must be an email'] },
      ],
    });
  });

  it('refuses fields the DTO does not declare', async () => {
    const response = await request(app.getHttpServer())
      .post('/communities')
      .send({ name: 'x', moderators: [], isAdmin: true })
      .expect(400);

    expect(response.body).toMatchObject({ errors: [{ field: 'isAdmin' }] });
  });

  it('serves the OpenAPI document with bearer authentication', async () => {
    const response = await request(app.getHttpServer()).get('/docs-json').expect(200);

    expect(response.body).toMatchObject({
      info: { title: 'communities service', description: 'Communities under test.' },
      paths: { '/communities': { post: expect.any(Object) as unknown } },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    });
  });
});

describe('bootstrapService', () => {
  beforeEach(() => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  it('listens on the given port with the shared pipeline', async () => {
    const app = await bootstrapService(ProbeModule, {
      service: 'communities',
      description: 'Communities under test.',
      port: 0,
      host: '127.0.0.1',
    });
    try {
      await request(await app.getUrl())
        .post('/communities')
        .send({})
        .expect(400);
    } finally {
      await app.close();
    }
  });

  it('connects the transport and starts it once the app is initialised', async () => {
    const steps: string[] = [];

    @Injectable()
    class StartOrder implements OnApplicationBootstrap {
      onApplicationBootstrap(): void {
        steps.push('bootstrap');
      }
    }

    @Injectable()
    class RecordingTransport extends Server implements CustomTransportStrategy {
      listen(callback: () => void): void {
        steps.push('transport');
        callback();
      }

      close(): void {}

      on(): void {}

      unwrap<T>(): T {
        return this as unknown as T;
      }
    }

    @Module({ providers: [StartOrder, RecordingTransport] })
    class WithTransportModule {}

    const app = await bootstrapService(WithTransportModule, {
      service: 'consumer',
      description: 'Consumes events.',
      port: 0,
      host: '127.0.0.1',
      transport: RecordingTransport,
    });
    try {
      expect(steps).toEqual(['bootstrap', 'transport']);
      expect(app.getMicroservices()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('rejects, rather than aborting the process, when the service cannot start', async () => {
    @Module({
      providers: [
        {
          provide: 'BROKEN',
          useFactory: () => {
            throw new Error('database unreachable');
          },
        },
      ],
    })
    class BrokenModule {}

    await expect(
      bootstrapService(BrokenModule, { service: 'broken', description: 'Fails to start.', port: 0 }),
    ).rejects.toThrow('database unreachable');
  });
});
