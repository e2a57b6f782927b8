import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureApp } from '@notify/bootstrap';
import { AuthModule } from '@notify/security';
import { signTestJwt } from '@notify/testing';
import request from 'supertest';
import { SUPPORTED_LOCALES } from '../locales';
import { TEMPLATE_IDS } from '../template-id';
import { TemplatesModule } from '../templates.module';

const JWT_SECRET = 'preview-spec-secret-of-sufficient-length';

async function startApp(previewEnabled: boolean): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRoot({ jwtSecret: JWT_SECRET }),
      TemplatesModule.registerAsync({
        useFactory: () => ({
          platformName: 'Public Buyers Community',
          supportEmail: 'support@buyers.example.eu',
          publicBaseUrl: 'https://portal.example.org',
          previewEnabled,
        }),
      }),
    ],
  }).compile();
  const app = configureApp(moduleRef.createNestApplication(), { service: 'dispatcher', description: 'test' });
  await app.init();
  return app;
}

describe('GET /templates/preview', () => {
  describe('when TEMPLATE_PREVIEW_ENABLED is on', () => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await startApp(true);
    });

    afterAll(() => app.close());

    it('lists every template in every language, without a token', async () => {
      const response = await request(app.getHttpServer()).get('/templates/preview').expect(200);

      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      const links = response.text.match(/href="\/templates\/preview\/[^"?]+"/g) ?? [];
      expect(SUPPORTED_LOCALES).toHaveLength(24);
      expect(links).toHaveLength(TEMPLATE_IDS.length * SUPPORTED_LOCALES.length);
      for (const locale of SUPPORTED_LOCALES) {
        expect(response.text).toContain(`<th scope="col">${locale}</th>`);
        expect(response.text).toContain(`href="/templates/preview/access-request.rejected/${locale}"`);
      }
      expect(response.text).toContain('Καλώς ορίσατε στην κοινότητα Public Procurement Law');
      expect(response.text).toContain('Добре дошли в общността Public Procurement Law');
    });

    it.each([
      ['el', 'Η ημερήσια σύνοψή σας: 3 νέα στοιχεία'],
      ['bg', 'Вашият дневен обзор: 3 нови публикации'],
      ['fi', 'Päivittäinen koosteesi: 3 uutta kohdetta'],
      ['mt', 'Is-sommarju ta&#x27; kuljum tiegħek: 3 oġġetti ġodda'],
    ])('renders the %s digest in its own language', async (locale, subject) => {
      const response = await request(app.getHttpServer())
        .get(`/templates/preview/digest/${locale}`)
        .expect(200);

      expect(response.text).toContain(`<html lang="${locale}">`);
      expect(response.text).toContain(`<title>${subject}</title>`);
    });

    it('renders the HTML part of one template in one language', async () => {
      const response = await request(app.getHttpServer())
        .get('/templates/preview/access-request.rejected/fr')
        .expect(200);

      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.text).toContain('<html lang="fr">');
      expect(response.text).toContain('Bonjour Marc Dubois,');
      expect(response.text).toContain('Ingrid Novak');
    });

    it('renders the text part with ?part=text', async () => {
      const response = await request(app.getHttpServer())
        .get('/templates/preview/digest/de?part=text')
        .expect(200);

      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(response.text).toMatch(/^Subject: Ihre tägliche Übersicht: 3 Neuigkeiten\n/);
      expect(response.text).toContain('Fragen? Schreiben Sie an support@buyers.example.eu.');
    });

    it.each([
      ['/templates/preview/no.such.template/en', 'id'],
      ['/templates/preview/digest/ja', 'locale'],
      ['/templates/preview/digest/pt-BR', 'locale'],
      ['/templates/preview/digest/en?part=pdf', 'part'],
    ])('answers 400 naming the field for %s', async (path, field) => {
      const response = await request(app.getHttpServer()).get(path).expect(400);

      expect(JSON.stringify(response.body)).toContain(field);
    });
  });

  describe('when TEMPLATE_PREVIEW_ENABLED is off', () => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await startApp(false);
    });

    afterAll(() => app.close());

    it('answers 404 without a token', async () => {
      await request(app.getHttpServer()).get('/templates/preview').expect(404);
      await request(app.getHttpServer()).get('/templates/preview/digest/en').expect(404);
    });

    it('answers 404 with a valid token too', async () => {
      const token = await signTestJwt({ sub: 'user-1' }, JWT_SECRET);

      await request(app.getHttpServer())
        .get('/templates/preview/digest/en')
        .auth(token, { type: 'bearer' })
        .expect(404);
    });
  });
});
