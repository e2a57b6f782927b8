import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureApp } from '@notify/bootstrap';
import { AuthModule } from '@notify/security';
import { signTestJwt } from '@notify/testing';
import request from 'supertest';
import { TEMPLATE_IDS } from '../template-id';
import { TemplatesModule } from '../templates.module';

const JWT_SECRET = 'samples-spec-secret-of-sufficient-length';

describe('GET /templates/samples (service-only)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({ jwtSecret: JWT_SECRET }),
        TemplatesModule.registerAsync({
          useFactory: () => ({
            platformName: 'Public Buyers Community',
            supportEmail: 'support@buyers.example.eu',
            publicBaseUrl: 'https://portal.example.org',
            previewEnabled: false,
          }),
        }),
      ],
    }).compile();
    app = configureApp(moduleRef.createNestApplication(), { service: 'dispatcher', description: 'test' });
    await app.init();
  });

  afterAll(() => app.close());

  const bearer = (roles: string[]): Promise<string> => signTestJwt({ sub: 'caller', roles }, JWT_SECRET);

  it('lists every template with its locales to a platform service, even with the preview pages off', async () => {
    const response = await request(app.getHttpServer())
      .get('/templates/samples')
      .set('Authorization', `Bearer ${await bearer(['service'])}`)
      .expect(200);
    const body = response.body as { templates: { id: string; locales: string[] }[] };
    expect(body.templates.map((template) => template.id)).toEqual([...TEMPLATE_IDS]);
    expect(body.templates[0].locales).toEqual(expect.arrayContaining(['en', 'fr', 'de']));
  });

  it('renders one template in one locale: sample data, subject, HTML and text', async () => {
    const response = await request(app.getHttpServer())
      .get(`/templates/samples/${TEMPLATE_IDS[0]}/fr`)
      .set('Authorization', `Bearer ${await bearer(['service'])}`)
      .expect(200);
    expect(response.body).toEqual(
      expect.objectContaining({
        id: TEMPLATE_IDS[0],
        locale: 'fr',
        sampleData: expect.any(Object),
        subject: expect.any(String),
        html: expect.stringContaining('<html'),
        text: expect.stringContaining('support@buyers.example.eu'),
      }),
    );
  });

  it.each([
    ['a user token', ['support'], 403],
    ['no token', undefined, 401],
  ])('refuses %s', async (_case, roles, status) => {
    const call = request(app.getHttpServer()).get('/templates/samples');
    if (roles) {
      call.set('Authorization', `Bearer ${await bearer(roles)}`);
    }
    await call.expect(status);
  });

  it('answers 400 naming the field for an unknown locale', async () => {
    const response = await request(app.getHttpServer())
      .get(`/templates/samples/${TEMPLATE_IDS[0]}/xx`)
      .set('Authorization', `Bearer ${await bearer(['service'])}`)
      .expect(400);
    expect(JSON.stringify(response.body)).toContain('locale');
  });
});
