import { IsString, Matches } from 'class-validator';
import { HostPortList } from './config-fields';

/** How to reach the Kafka cluster: what every service and the operators' tools read. */
export class KafkaConfig {
  @HostPortList()
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'may contain only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX: string = '';
}
