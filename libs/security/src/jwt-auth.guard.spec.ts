import { Controller, Get, INestApplication, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SignJWT } from 'jose';
import request from 'supertest';
import { AuthModule } from './auth.module';
import { CurrentPrincipal } from './current-principal.decorator';
import { assertActsFor, type Principal } from './principal';
import { Public } from './public.decorator';

const SECRET = 'guard-spec-secret-0123456789abcdefghij';
const SERVICE_SECRET = 'guard-spec-service-secret-0123456789abcd';
const SERVICE_ISSUER = 'urn:guard-spec:services';

@Controller()
class ProbeController {
  @Get('users/:userId/profile')
  profile(@CurrentPrincipal() principal: Principal, @Param('userId') userId: string): Principal {
    assertActsFor(principal, userId);
    return principal;
  }

  @Public()
  @Get('open')
  open(): { open: true } {
    return { open: true };
  }
}

interface TokenOptions {
  sub?: string;
  roles?: unknown;
  secret?: string;
  issuer?: string;
  expiresAt?: number;
}

function hs256Token({
  sub = 'user-1',
  roles,
  secret = SECRET,
  issuer,
  expiresAt,
}: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(roles === undefined ? {} : { roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(now - 120)
    .setExpirationTime(expiresAt ?? now + 300);
  if (sub) {
    jwt.setSubject(sub);
  }
  if (issuer) {
    jwt.setIssuer(issuer);
  }
  return jwt.sign(new TextEncoder().encode(secret));
}

describe('JwtAuthGuard', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({
          jwtSecret: SECRET,
          serviceTokens: { issuer: SERVICE_ISSUER, secrets: [SERVICE_SECRET] },
        }),
      ],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 401 without a bearer token', async () => {
    const response = await request(app.getHttpServer()).get('/users/user-1/profile').expect(401);

    expect(response.body).toMatchObject({ statusCode: 401, message: 'Missing bearer token' });
  });

  it('answers 401 for a non-bearer authorization scheme', async () => {
    const response = await request(app.getHttpServer())
      .get('/users/user-1/profile')
      .auth('user', 'pass')
      .expect(401);

    expect(response.body).toMatchObject({ message: 'Missing bearer token' });
  });

  it.each([
    ['signed with another secret', { secret: 'another-secret-0123456789abcdefghijkl' }],
    ['expired', { expiresAt: Math.floor(Date.now() / 1000) - 60 }],
    ['without a subject', { sub: '' }],
    ['whose roles are not an array of strings', { roles: 'service' }],
  ] as [string, TokenOptions][])('answers 401 for a token %s', async (_label, options) => {
    const token = await hs256Token(options);

    const response = await request(app.getHttpServer())
      .get('/users/user-1/profile')
      .auth(token, { type: 'bearer' })
      .expect(401);

    expect(response.body).toMatchObject({ statusCode: 401, message: 'Invalid or expired token' });
  });

  it('serves a user acting for themselves', async () => {
    const token = await hs256Token({ sub: 'user-1', roles: ['member'] });

    const response = await request(app.getHttpServer())
      .get('/users/user-1/profile')
      .auth(token, { type: 'bearer' })
      .expect(200);

    expect(response.body).toEqual({ userId: 'user-1', kind: 'user', isService: false, roles: ['member'] });
  });

  it('answers 403 when a user acts for another user', async () => {
    const token = await hs256Token({ sub: 'user-1' });

    const response = await request(app.getHttpServer())
      .get('/users/user-2/profile')
      .auth(token, { type: 'bearer' })
      .expect(403);

    expect(response.body).toMatchObject({ statusCode: 403 });
  });

  it('lets a service act for any user', async () => {
    const token = await hs256Token({ sub: 'portal-backend', secret: SERVICE_SECRET, issuer: SERVICE_ISSUER });

    const response = await request(app.getHttpServer())
      .get('/users/user-2/profile')
      .auth(token, { type: 'bearer' })
      .expect(200);

    expect(response.body).toEqual({
      userId: 'portal-backend',
      kind: 'service',
      isService: true,
      roles: ['service'],
    });
  });

  it('answers 401 for a user token that claims the service role', async () => {
    const token = await hs256Token({ sub: 'portal-backend', roles: ['service'] });

    const response = await request(app.getHttpServer())
      .get('/users/user-2/profile')
      .auth(token, { type: 'bearer' })
      .expect(401);

    expect(response.body).toMatchObject({ statusCode: 401, message: 'Invalid or expired token' });
  });

  it('leaves @Public routes open', async () => {
    const response = await request(app.getHttpServer()).get('/open').expect(200);

    expect(response.body).toEqual({ open: true });
  });
});
