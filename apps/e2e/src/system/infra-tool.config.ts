import { Port } from '@notify/config';
import { IsString, MinLength } from 'class-validator';

/** Where `npm run infra` keeps its processes: the tool's own variables, with its defaults. */
export class InfraToolConfig {
  /** Pid, log and data files, relative to the workspace. */
  @IsString()
  @MinLength(1)
  INFRA_DIR: string = '.infra';

  @Port()
  KAFKA_PORT: number = 9092;

  @Port()
  SES_PORT: number = 8005;
}
