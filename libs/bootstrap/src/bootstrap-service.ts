import { INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createLogger, startTracing, type LoggerOptions, type TracingOptions } from '@notify/observability';
import { applyHttpServerTimeouts, type HttpServerTimeouts } from './http-timeouts';
import { useRequestBodyParsers } from './request-body';
import { exemptPublicOperations, operationIdOf, publicOperationIds } from './public-operations';
import { createValidationPipe } from './validation-pipe';

export interface ServiceDescriptor {
  /** Service name used in logs, metrics and the OpenAPI title. */
  service: string;
  /** One sentence for the OpenAPI document. */
  description: string;
  version?: string;
  /** Largest JSON or form body accepted, as a byte count or a size such as `256kb`; defaults to 256 kB. */
  bodyLimit?: string | number;
  /** Header, request and keep-alive timeouts of the HTTP server; unset ones keep the defaults. */
  httpTimeouts?: Partial<HttpServerTimeouts>;
  /** A provider that is a Nest custom transport (the Kafka event consumer), connected as a microservice. */
  transport?: Type<CustomTransportStrategy>;
}

/** Applies the request pipeline every service shares; tests call it on apps they build themselves. */
export function configureApp(app: INestApplication, descriptor: ServiceDescriptor): INestApplication {
  useRequestBodyParsers(app, descriptor.bodyLimit);
  applyHttpServerTimeouts(app.getHttpServer() as Server, descriptor.httpTimeouts);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  if (descriptor.transport) {
    // Not inheriting the app's config: the HTTP validation pipe refuses unknown fields, events may add them.
    app.connectMicroservice({ strategy: app.get(descriptor.transport) });
  }
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`${descriptor.service} service`)
      .setDescription(descriptor.description)
      .setVersion(descriptor.version ?? '1.0.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
    { operationIdFactory: operationIdOf },
  );
  exemptPublicOperations(document, publicOperationIds(app));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** Creates, configures and starts a service; resolves once it listens on `port` and its transport started. */
export async function bootstrapService(
  appModule: Type<unknown>,
  descriptor: ServiceDescriptor & {
    port: number;
    host?: string;
    logging?: LoggerOptions;
    tracing?: TracingOptions;
  },
): Promise<INestApplication> {
  const logger = createLogger(descriptor.service, descriptor.logging);
  // Before the HTTP adapter and the PostgreSQL driver are loaded, so that their instrumentation applies.
  startTracing(descriptor.service, descriptor.tracing ?? {});
  // A failed start rejects (and the process exits non-zero) instead of aborting with a core dump.
  const app = await NestFactory.create(appModule, { logger, bufferLogs: true, abortOnError: false });
  configureApp(app, descriptor);
  await app.init();
  // After init: topics exist and the relay runs before the consumer joins its group.
  await app.startAllMicroservices();
  await app.listen(descriptor.port, descriptor.host ?? '0.0.0.0');
  new Logger('Bootstrap').log(
    `${descriptor.service} listening on port ${descriptor.port} (OpenAPI at /docs, health at /health)`,
  );
  return app;
}
