import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { Required } from './config-fields';
import { ConfigModule } from './config.module';
import { ConfigValidationError } from './config-validation.error';

class GreeterConfig {
  @Required()
  @IsString()
  GREETING!: string;
}

@Injectable()
class Greeter {
  constructor(readonly config: GreeterConfig) {}
}

describe('ConfigModule', () => {
  it('provides the validated configuration by its class', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(GreeterConfig, { env: { GREETING: 'hello' } })],
      providers: [Greeter],
    }).compile();

    expect(moduleRef.get(Greeter).config).toEqual({ GREETING: 'hello' });
    expect(moduleRef.get(GreeterConfig)).toBeInstanceOf(GreeterConfig);
  });

  it('fails start-up on invalid configuration', async () => {
    const compiling = Test.createTestingModule({
      imports: [ConfigModule.forRoot(GreeterConfig, { env: {} })],
    }).compile();

    await expect(compiling).rejects.toBeInstanceOf(ConfigValidationError);
  });
});
